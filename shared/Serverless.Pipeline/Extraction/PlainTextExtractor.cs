using System.Text;

namespace Serverless.Pipeline.Extraction;

/// <summary>Plain text: strict UTF-8 (an optional BOM), no NUL characters; one page.</summary>
internal static class PlainTextExtractor
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty || content.Contains((byte)0))
        {
            return false;
        }

        return System.Text.Unicode.Utf8.IsValid(content);
    }

    public static IReadOnlyList<ExtractedPage> Extract(ReadOnlyMemory<byte> content, PipelineLimits limits)
    {
        var span = content.Span;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        if (!IsPlainText(span))
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.TextInvalid, "The text is not valid UTF-8 or contains NUL characters.");
        }

        var text = Strict.GetString(span);
        if (text.Length > limits.MaxExtractedCharacters)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.TextTooLong, $"The text has {text.Length} characters; the limit is {limits.MaxExtractedCharacters}.");
        }

        return [new ExtractedPage(1, text, PageSource.PlainText)];
    }
}
