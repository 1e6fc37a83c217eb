using System.IO.Compression;
using System.Text;

namespace Serverless.Samples;

/// <summary>
/// A minimal one-page PDF writer whose page content is one Flate stream: with <see cref="FlateBomb"/> the
/// stream inflates to far more than the file's size (decompression-bomb inputs for the tests).
/// </summary>
public static class PdfBytes
{
    /// <summary>A valid one-page PDF whose content stream (spaces) inflates to <paramref name="inflatedBytes"/>.</summary>
    public static byte[] FlateBomb(long inflatedBytes)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            for (var left = inflatedBytes; left > 0; left -= spaces.Length)
            {
                zlib.Write(spaces, 0, (int)Math.Min(spaces.Length, left));
            }
        }

        return WithContent(compressed.ToArray());
    }

    private static byte[] WithContent(byte[] flateContent)
    {
        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
        void Object(string body, byte[]? stream = null)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\n");
            if (stream is not null)
            {
                Write("stream\n");
                pdf.Write(stream);
                Write("\nendstream\n");
            }

            Write("endobj\n");
        }

        Write("%PDF-1.7\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>");
        Object($"<< /Length {flateContent.Length} /Filter /FlateDecode >>", flateContent);
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }

        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }
}
