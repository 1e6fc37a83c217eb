using System.Text;

namespace Serverless.App.Ingestion;

/// <summary>
/// Decides a file's type from its first bytes; the name and the declared content type are not trusted.
/// Only the types the document pipeline reads are accepted.
/// </summary>
internal static class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int SniffLength = 8192;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The media type of the content, or null when it is not a supported document type.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
        {
            return "image/tiff";
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            // Office Open XML documents are ZIP packages; the pipeline checks the package's parts.
            return "application/zip";
        }

        return IsText(head) ? "text/plain" : null;
    }

    private static bool IsText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return false;
        }

        var bytes = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;

        // The sniffed window may cut a multi-byte character; drop up to 3 trailing bytes of an incomplete sequence.
        var end = bytes.Length;
        if (head.Length >= SniffLength)
        {
            var back = 0;
            while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0x80)
            {
                back++;
            }

            if (end - back - 1 >= 0 && bytes[end - back - 1] >= 0xC0)
            {
                end -= back + 1;
            }
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes[..end]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n' or '\f'))
            {
                return false;
            }
        }

        return true;
    }
}
