using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Serverless.Pipeline.Caching;
using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Cost;

namespace Serverless.Pipeline.Workflow;

/// <summary>
/// Writes the result JSON to <c>results/{tenant}/{workflow}.json</c> (overwrite: idempotent), records it in the
/// registry and records the workflow's usage for its tenant (an upsert by workflow id: idempotent). One step
/// for all three: each activity costs a round of storage calls, and they succeed or fail together anyway.
/// </summary>
public sealed class PersistResultActivity(PipelineStorage storage, DocumentRegistry registry, UsageStore usage, ReviewExamples reviewExamples, IOptions<DocumentWorkflowOptions> options)
    : TaskActivity<PersistInput, string>
{
    public static readonly TaskOptions Retry = StepErrors.Retry(5, TimeSpan.FromSeconds(1));

    public override Task<string> RunAsync(TaskActivityContext context, PersistInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return StepErrors.RunAsync("persist", async () =>
        {
            var container = storage.Container(options.Value.ResultsContainer);
            await container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            var json = JsonSerializer.SerializeToUtf8Bytes(input.Result, PipelineJsonContext.Default.DocumentResult);
            await container.GetBlobClient(input.ResultBlob).UploadAsync(
                BinaryData.FromBytes(json),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                CancellationToken.None).ConfigureAwait(false);
            if (input.Claimed)
            {
                await registry.CompleteAsync(input.Result.Tenant, input.Result.ContentHash, context.InstanceId, input.ResultBlob, CancellationToken.None).ConfigureAwait(false);
            }

            await usage.RecordAsync(
                new WorkflowUsage(input.Result.Tenant, context.InstanceId, WorkflowUsage.Completed, input.EndedAt, input.Result.Steps), CancellationToken.None).ConfigureAwait(false);
            if (input.Result is { LabelDecidedBy: "human", Classification: { } decided, Summary: { } summary })
            {
                // A reviewer's decision becomes a labelled example of the tenant's taxonomy (learning from review).
                await reviewExamples.RecordAsync(input.Result.Tenant, input.Result.ContentHash, decided.Label, summary, CancellationToken.None).ConfigureAwait(false);
            }

            return $"{options.Value.ResultsContainer}/{input.ResultBlob}";
        });
    }
}
