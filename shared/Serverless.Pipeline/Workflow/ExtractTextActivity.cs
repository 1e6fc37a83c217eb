using Microsoft.DurableTask;
using Serverless.Pipeline.Ai;

namespace Serverless.Pipeline.Workflow;

/// <summary>
/// Extracts the text (PdfPig text layer, Open XML, plain text; OCR through the inference app for images
/// and text-less PDF pages) into the step cache. Malformed or hostile files fail fatally with a stable code.
/// </summary>
public sealed class ExtractTextActivity(PipelineArtifacts artifacts, DocumentSource source, ProviderRouter router, TimeProvider time) : TaskActivity<DocumentPipelineInput, ExtractOutput>
{
    /// <summary>OCR can be slow and the inference app busy: a few spaced attempts.</summary>
    public static readonly TaskOptions Retry = StepErrors.Retry(4, TimeSpan.FromSeconds(2), max: TimeSpan.FromSeconds(30));

    public override Task<ExtractOutput> RunAsync(TaskActivityContext context, DocumentPipelineInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return StepErrors.RunAsync("extract", async () =>
        {
            var started = time.GetTimestamp();
            using var key = AiCallContext.Begin(WorkflowNames.CallKey(context.InstanceId, "extract"));
            var (result, cached, marked) = await artifacts.ExtractionAsync(input, CancellationToken.None).ConfigureAwait(false);
            var route = router.Resolve(AiStep.Ocr, confidential: false);
            var step = result.OcrPageCount > 0
                ? new Results.StepRecord("extract", route.Provider, string.IsNullOrEmpty(route.Model) ? "ocr" : route.Model, 0, 0, 0m, cached, time.GetElapsedTime(started).TotalMilliseconds)
                : StepRecords.Local("extract", cached, time.GetElapsedTime(started));
            // A cache hit skips reading the blob, but the blob's own confidential mark must still count.
            var confidential = input.Confidential || marked || (cached && await source.MarkedConfidentialAsync(input, CancellationToken.None).ConfigureAwait(false));
            return new ExtractOutput(result.Kind, result.PageCount, result.OcrPageCount, result.Language, confidential, step);
        });
    }
}
