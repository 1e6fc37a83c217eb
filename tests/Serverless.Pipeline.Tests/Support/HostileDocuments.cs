using System.IO.Compression;
using System.Text;
using Serverless.Samples;

namespace Serverless.Pipeline.Tests.Support;

/// <summary>Malformed and hostile inputs, built in code, each with the file name it arrives under.</summary>
public static class HostileDocuments
{
    public static byte[] TruncatedPdf()
    {
        var pdf = SampleDocuments.TextPdf([SampleDocuments.InvoiceLines]);
        return pdf[..(pdf.Length / 2)];
    }

    /// <summary>A PDF whose trailer declares standard encryption with a user password we do not have.</summary>
    public static byte[] EncryptedPdf()
    {
        var pdf = Encoding.Latin1.GetString(SampleDocuments.TextPdf([["Secret quarterly figures"]]));
        var trailer = pdf.LastIndexOf("trailer", StringComparison.Ordinal);
        var open = pdf.IndexOf("<<", trailer, StringComparison.Ordinal);
        var hex32 = new string('A', 64);
        var encrypt = $" /Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /O <{hex32}> /U <{hex32}> /P -44 >> /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]";
        return Encoding.Latin1.GetBytes(pdf.Insert(open + 2, encrypt));
    }

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(20261124).NextBytes(bytes);
        return bytes;
    }

    public static byte[] GarbagePdf() => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nthis is not a PDF body\n%%EOF\n");

    public static byte[] PixelBomb() => SampleDocuments.PngWithHeader(100_000, 100_000, [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);

    public static byte[] JpegWithoutFrame() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];

    /// <summary>A little-endian TIFF whose first directory points back at itself.</summary>
    public static byte[] TiffWithDirectoryLoop()
    {
        var tiff = new byte[8 + 2 + 12 + 4];
        "II*\0"u8.CopyTo(tiff);
        BitConverter.TryWriteBytes(tiff.AsSpan(4), 8u);
        BitConverter.TryWriteBytes(tiff.AsSpan(8), (ushort)1);
        BitConverter.TryWriteBytes(tiff.AsSpan(10), (ushort)256);
        BitConverter.TryWriteBytes(tiff.AsSpan(12), (ushort)4);
        BitConverter.TryWriteBytes(tiff.AsSpan(14), 1u);
        BitConverter.TryWriteBytes(tiff.AsSpan(18), 100u);
        BitConverter.TryWriteBytes(tiff.AsSpan(22), 8u);
        return tiff;
    }

    public static byte[] ZipWithoutWordDocument()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            entry.Write("not a word document");
        }

        return stream.ToArray();
    }

    /// <summary>A DOCX whose document part declares a billion-laughs entity expansion.</summary>
    public static byte[] DocxWithEntityBomb()
    {
        var docx = SampleDocuments.Docx([["placeholder"]]);
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("word/document.xml")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            writer.Write("""
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>
                """);
        }

        return stream.ToArray();
    }

    /// <summary>A valid DOCX whose main document part is one run of <paramref name="xmlBytes"/> spaces: a zip bomb aimed at the XML parser.</summary>
    public static byte[] DocxXmlBomb(long xmlBytes)
    {
        var docx = SampleDocuments.Docx([["Harmless looking text."]]);
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("word/document.xml")!.Delete();
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            entry.Write("""<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">"""u8);
            var spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            for (var left = xmlBytes; left > 0; left -= spaces.Length)
            {
                entry.Write(spaces, 0, (int)Math.Min(spaces.Length, left));
            }

            entry.Write("</w:t></w:r></w:p></w:body></w:document>"u8);
        }

        return stream.ToArray();
    }

    /// <summary>A valid DOCX with an extra part that unpacks to <paramref name="unpackedBytes"/> zeros.</summary>
    public static byte[] DocxBomb(int unpackedBytes)
    {
        var docx = SampleDocuments.Docx([["Harmless looking text."]]);
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/media/bomb.bin", CompressionLevel.SmallestSize).Open();
            entry.Write(new byte[unpackedBytes]);
        }

        return stream.ToArray();
    }
}
