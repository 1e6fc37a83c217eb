using System.Net.Http.Headers;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Inference;

namespace Serverless.Pipeline.Extraction;

/// <summary>
/// <see cref="IOcrClient"/> over the inference app's <c>POST /v1/ocr</c> (multipart, part <c>file</c>).
/// For a PDF with some text-less pages the whole PDF is sent once and only those pages' text is used:
/// one call per document rather than one per page, and no PDF rasteriser is needed in this process.
/// </summary>
public sealed class InferenceOcrClient(HttpClient http) : IOcrClient
{
    /// <summary>The name of the HttpClient this client uses (its base address is the inference app).</summary>
    public const string HttpClientName = "inference-ocr";

    public async Task<IReadOnlyList<OcrPageText>> RecognizeAsync(ReadOnlyMemory<byte> content, DocumentKind kind, OcrSettings settings, CancellationToken cancellationToken)
    {
        var (fileName, mediaType) = kind switch
        {
            DocumentKind.Pdf => ("document.pdf", "application/pdf"),
            DocumentKind.Png => ("page.png", "image/png"),
            DocumentKind.Jpeg => ("page.jpg", "image/jpeg"),
            DocumentKind.Tiff => ("page.tiff", "image/tiff"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "OCR takes images and PDFs only."),
        };

        using var form = new MultipartFormDataContent();
        var file = new ReadOnlyMemoryContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        form.Add(file, "file", fileName);
        form.Add(new StringContent(settings.Language), "language");
        form.Add(new StringContent(settings.Engine), "engine");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/ocr") { Content = form };
        request.Options.Set(ProviderConcurrency.LaneOption, AiLane.Ocr);

        var response = await InferenceHttp.SendAsync(http, request, InferenceJsonContext.Default.OcrResponse, "ocr", cancellationToken).ConfigureAwait(false);
        return [.. response.Pages.Select(p => new OcrPageText(p.PageNumber, p.Text, p.MeanConfidence))];
    }
}
