namespace Serverless.Inference.Ocr;

/// <summary>Tells the document type from its first bytes; the declared content type is not trusted.</summary>
internal static class ContentSniffer
{
    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    public static DocumentKind Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Png))
        {
            return DocumentKind.Png;
        }

        if (content.StartsWith(Jpeg))
        {
            return DocumentKind.Jpeg;
        }

        if (content.StartsWith("II*\0"u8) || content.StartsWith("MM\0*"u8))
        {
            return DocumentKind.Tiff;
        }

        // PDF readers accept the header anywhere in the first KiB.
        var head = content[..Math.Min(content.Length, 1024)];
        return head.IndexOf("%PDF-"u8) >= 0 ? DocumentKind.Pdf : DocumentKind.Unknown;
    }
}
