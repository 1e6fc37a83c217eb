using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace Serverless.Pipeline.Extraction;

/// <summary>
/// The text layer of a PDF, page by page, with PdfPig's <see cref="ContentOrderTextExtractor"/>.
/// A page without letters has no text layer (a scan): its entry is null and it goes to OCR; a page
/// with nothing drawn on it is empty text (nothing to OCR).
/// </summary>
internal static class PdfTextExtractor
{
    private static readonly byte[] EndOfFile = "%%EOF"u8.ToArray();

    public static IReadOnlyList<string?> Extract(ReadOnlyMemory<byte> content, PipelineLimits limits)
    {
        // A truncated file loses its trailer; PdfPig's lenient parser would otherwise guess at what is left.
        var tail = content.Span[Math.Max(0, content.Length - 2048)..];
        if (tail.IndexOf(EndOfFile) < 0)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.PdfMalformed, "The PDF is truncated (no end-of-file marker).");
        }

        if (PdfStreamBudget.Exceeded(content, limits.MaxDecompressedBytes) is { } inflated)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.DecompressedTooLarge, $"The PDF's streams inflate to more than {limits.MaxDecompressedBytes} bytes ({inflated} counted before stopping).");
        }

        try
        {
            using var document = PdfDocument.Open(content.ToArray(), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            var count = document.NumberOfPages;
            if (count < 1)
            {
                throw new DocumentRejectedException(ExtractionErrorCodes.PdfMalformed, "The PDF has no pages.");
            }

            if (count > limits.MaxPages)
            {
                throw new DocumentRejectedException(ExtractionErrorCodes.TooManyPages, $"The PDF has {count} pages; the limit is {limits.MaxPages}.");
            }

            var pages = new string?[count];
            var characters = 0L;
            for (var i = 0; i < count; i++)
            {
                var page = document.GetPage(i + 1);
                if (!page.Letters.Any(l => l.Value.Any(char.IsLetterOrDigit)))
                {
                    // Nothing drawn at all (no image, no path that could be outlined text): blank, nothing to OCR.
                    pages[i] = page.NumberOfImages == 0 && !page.Paths.Any(p => p.IsFilled || p.IsStroked) ? "" : null;
                    continue;
                }

                var text = ContentOrderTextExtractor.GetText(page);
                characters += text.Length;
                if (characters > limits.MaxExtractedCharacters)
                {
                    throw new DocumentRejectedException(ExtractionErrorCodes.TextTooLong, $"The PDF's text exceeds {limits.MaxExtractedCharacters} characters.");
                }

                pages[i] = text;
            }

            return pages;
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.PdfEncrypted, "The PDF is encrypted with a password.", e);
        }
        catch (Exception e) when (e is not DocumentRejectedException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.PdfMalformed, $"The PDF cannot be parsed ({e.GetType().Name}).", e);
        }
    }
}
