using System.IO.Compression;

namespace Serverless.Pipeline.Extraction;

/// <summary>Recognises a document's format from its first bytes (and, for DOCX, its zip directory).</summary>
public static class ContentSniffer
{
    /// <summary>The format of <paramref name="content"/>; <see cref="DocumentKind.Unknown"/> when nothing matches.</summary>
    public static DocumentKind Sniff(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        if (span.StartsWith("%PDF-"u8))
        {
            return DocumentKind.Pdf;
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return DocumentKind.Png;
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return DocumentKind.Jpeg;
        }

        if (span.StartsWith("II*\0"u8) || span.StartsWith("MM\0*"u8))
        {
            return DocumentKind.Tiff;
        }

        if (span.StartsWith("PK\u0003\u0004"u8))
        {
            return IsDocx(content) ? DocumentKind.Docx : DocumentKind.Unknown;
        }

        return PlainTextExtractor.IsPlainText(span) ? DocumentKind.Text : DocumentKind.Unknown;
    }

    /// <summary>The format a file name claims by its extension, or null when the extension says nothing we know.</summary>
    public static DocumentKind? KindFromFileName(string? fileName) =>
        Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
        {
            ".pdf" => DocumentKind.Pdf,
            ".png" => DocumentKind.Png,
            ".jpg" or ".jpeg" => DocumentKind.Jpeg,
            ".tif" or ".tiff" => DocumentKind.Tiff,
            ".docx" => DocumentKind.Docx,
            ".txt" or ".text" or ".md" or ".csv" => DocumentKind.Text,
            _ => null,
        };

    private static bool IsDocx(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
