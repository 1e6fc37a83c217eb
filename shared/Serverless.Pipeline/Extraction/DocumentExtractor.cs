using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Pipeline.Extraction;

/// <summary>
/// Text layer first (PdfPig, Open XML, plain text), OCR through <see cref="IOcrClient"/> for images and
/// for PDF pages without letters. Every limit of <see cref="PipelineLimits"/> is checked before the
/// expensive part it protects.
/// </summary>
public sealed class DocumentExtractor(IOcrClient ocr, IOptions<PipelineOptions> options, ILogger<DocumentExtractor> logger) : IDocumentExtractor
{
    private PipelineLimits Limits => options.Value.Limits;

    private OcrSettings Ocr => new(options.Value.OcrLanguage, options.Value.OcrEngine);

    public async Task<ExtractionResult> ExtractAsync(ReadOnlyMemory<byte> content, string? fileName, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ExtractCoreAsync(content, fileName, cancellationToken).ConfigureAwait(false);
            PipelineLog.Extracted(logger, result.Kind, content.Length, result.PageCount, result.OcrPageCount, result.Language);
            return result;
        }
        catch (DocumentRejectedException e)
        {
            PipelineLog.Rejected(logger, content.Length, Path.GetExtension(fileName ?? "").ToLowerInvariant(), e.Code);
            throw;
        }
    }

    private async Task<ExtractionResult> ExtractCoreAsync(ReadOnlyMemory<byte> content, string? fileName, CancellationToken cancellationToken)
    {
        if (content.IsEmpty)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.Empty, "The document has zero bytes.");
        }

        if (content.Length > Limits.MaxDocumentBytes)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.TooLarge, $"The document has {content.Length} bytes; the limit is {Limits.MaxDocumentBytes}.");
        }

        var kind = ContentSniffer.Sniff(content);
        var claimed = ContentSniffer.KindFromFileName(fileName);
        if (kind == DocumentKind.Unknown)
        {
            var what = claimed is null ? "" : $" (the name claims {claimed})";
            throw new DocumentRejectedException(ExtractionErrorCodes.UnknownFormat, $"The content is not a supported format{what}.");
        }

        if (claimed is not null && claimed != kind)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.ExtensionMismatch, $"The name claims {claimed} but the content is {kind}.");
        }

        var pages = kind switch
        {
            DocumentKind.Pdf => await ExtractPdfAsync(content, cancellationToken).ConfigureAwait(false),
            DocumentKind.Docx => Number(DocxTextExtractor.Extract(content, Limits), PageSource.TextLayer),
            DocumentKind.Text => PlainTextExtractor.Extract(content, Limits),
            _ => await ExtractImageAsync(content, kind, cancellationToken).ConfigureAwait(false),
        };

        if (pages.All(p => string.IsNullOrWhiteSpace(p.Text)))
        {
            // Fails here, before any summarise, classify or embed call is made (and before OCR where a PDF has nothing to OCR).
            throw new DocumentRejectedException(ExtractionErrorCodes.NoText, $"The {kind} document has no extractable text ({pages.Count} page(s)).");
        }

        var language = LanguageGuesser.Guess(string.Join('\n', pages.Select(p => p.Text)));
        return new ExtractionResult(kind, pages.Count, pages, language);
    }

    private static List<ExtractedPage> Number(IReadOnlyList<string> texts, PageSource source) =>
        [.. texts.Select((text, i) => new ExtractedPage(i + 1, text, source))];

    private async Task<IReadOnlyList<ExtractedPage>> ExtractPdfAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var layer = PdfTextExtractor.Extract(content, Limits);
        if (layer.All(text => text is not null && string.IsNullOrWhiteSpace(text)))
        {
            return [.. layer.Select((text, i) => new ExtractedPage(i + 1, "", PageSource.TextLayer))];
        }

        var ocrPages = new Dictionary<int, string>();
        if (layer.Any(text => text is null))
        {
            var recognised = await ocr.RecognizeAsync(content, DocumentKind.Pdf, Ocr, cancellationToken).ConfigureAwait(false);
            ocrPages = recognised.GroupBy(p => p.PageNumber).ToDictionary(g => g.Key, g => g.First().Text);
        }

        return [.. layer.Select((text, i) => text is not null
            ? new ExtractedPage(i + 1, text, PageSource.TextLayer)
            : new ExtractedPage(i + 1, ocrPages.GetValueOrDefault(i + 1, ""), PageSource.Ocr))];
    }

    private async Task<IReadOnlyList<ExtractedPage>> ExtractImageAsync(ReadOnlyMemory<byte> content, DocumentKind kind, CancellationToken cancellationToken)
    {
        ImageInspector.Check(kind, content.Span, Limits);
        var recognised = await ocr.RecognizeAsync(content, kind, Ocr, cancellationToken).ConfigureAwait(false);
        if (recognised.Count == 0)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.OcrFailed, "OCR returned no pages for the image.");
        }

        return [.. recognised.OrderBy(p => p.PageNumber).Select(p => new ExtractedPage(p.PageNumber, p.Text, PageSource.Ocr))];
    }
}
