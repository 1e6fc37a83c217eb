using Microsoft.Extensions.Options;
using Serverless.Inference.Serving;

namespace Serverless.Inference.Ocr;

internal static class OcrEndpoints
{
    public static RouteGroupBuilder MapOcr(this RouteGroupBuilder v1)
    {
        v1.MapPost("/" + EndpointNames.Ocr, RecognizeAsync)
            .WithName("Ocr")
            .WithSummary("OCR a PNG, JPEG, TIFF (multi-page) or PDF sent as multipart/form-data part 'file'.")
            .WithDescription("Optional form fields or query parameters: 'engine' ('tesseract' default, or 'paddle-onnx') and 'language' (tesseract codes, default 'eng'). The type is detected from the content. Returns per page the text, the words with boxes and confidences (0-100) and the mean confidence.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<OcrResponse>()
            .ProducesModelProblems()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .DisableAntiforgery();
        return v1;
    }

    private static async Task<OcrResponse> RecognizeAsync(HttpContext context, OcrService ocr, IOptions<OcrOptions> options, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            throw ProblemException.BadRequest("multipart-required", "Send the document as multipart/form-data with a part named 'file'.");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file") ?? throw ProblemException.BadRequest("file-required", "The multipart body has no part named 'file'.");
        var engine = ocr.Engine(Field(form, context.Request.Query, "engine") ?? options.Value.DefaultEngine);
        var language = Field(form, context.Request.Query, "language") ?? "eng";

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        if (content.Length == 0)
        {
            throw ProblemException.BadRequest("empty-file", "The 'file' part is empty.");
        }

        return await ocr.RecognizeAsync(content, engine, language, cancellationToken);
    }

    private static string? Field(IFormCollection form, IQueryCollection query, string name)
    {
        var value = form.TryGetValue(name, out var f) && !string.IsNullOrWhiteSpace(f) ? f.ToString() : query[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
