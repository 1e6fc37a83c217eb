using Microsoft.Extensions.Logging;
using Serverless.Pipeline.Extraction;

namespace Serverless.Pipeline;

/// <summary>
/// The pipeline's log messages (event ids by area: 1xxx extraction, 2xxx AI calls). Ids, sizes, counts,
/// providers, models and error codes only: never document text, prompts, answers or keys.
/// </summary>
internal static partial class PipelineLog
{
    [LoggerMessage(1001, LogLevel.Information, "Extracted a {Kind} of {Bytes} bytes: {Pages} pages, {OcrPages} by OCR, language {Language}")]
    public static partial void Extracted(ILogger logger, DocumentKind kind, int bytes, int pages, int ocrPages, string language);

    [LoggerMessage(1002, LogLevel.Warning, "Rejected a document of {Bytes} bytes named {Extension}: {Code}")]
    public static partial void Rejected(ILogger logger, int bytes, string extension, string code);

    [LoggerMessage(2001, LogLevel.Warning, "{Step}: answer {Attempt} from {Provider}/{Model} was invalid ({Reason}); asking again")]
    public static partial void InvalidAnswer(ILogger logger, string step, int attempt, string provider, string model, string reason);

    [LoggerMessage(2002, LogLevel.Information, "{Step}: confidential document routed to {Provider}/{Model} instead of cloud provider {CloudProvider}")]
    public static partial void ConfidentialRerouted(ILogger logger, string step, string provider, string model, string cloudProvider);
}
