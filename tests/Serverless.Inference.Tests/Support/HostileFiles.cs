using System.IO.Compression;
using System.Text;
using Serverless.Samples;

namespace Serverless.Inference.Tests.Support;

/// <summary>Files built to hurt a document service: bombs, truncations, encryption, disguises.</summary>
internal static class HostileFiles
{
    /// <summary>A valid, tiny PNG whose header claims 100000 x 100000 pixels (10 gigapixels once decoded).</summary>
    public static byte[] DecompressionBombPng()
    {
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write(new byte[1 << 20]); // 1 MiB of zeros compresses to about 1 KiB
        }

        return PngBytes.Greyscale(100_000, 100_000, compressed.ToArray(), bitDepth: 1);
    }

    /// <summary>A one-page PDF whose trailer declares standard encryption (RC4) with a user password.</summary>
    public static byte[] EncryptedPdf()
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            "<< /Length 8 >>\nstream\n\x01\x02\x03\x04\x05\x06\x07\x08\nendstream",
            "<< /Filter /Standard /V 1 /R 2 /O <" + new string('a', 64) + "> /U <" + new string('b', 64) + "> /P -4 >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }

        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    public static byte[] Truncated(byte[] file, double keep = 0.5) => file[..(int)(file.Length * keep)];

    /// <summary>A Windows executable header with a .png name: the type must come from the content.</summary>
    public static byte[] ExecutableNamedPng() => [.. "MZ"u8.ToArray(), .. new byte[510]];
}
