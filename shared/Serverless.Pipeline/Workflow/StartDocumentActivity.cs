using System.Text.Json;
using Azure;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Serverless.Pipeline.Caching;
using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Results;

namespace Serverless.Pipeline.Workflow;

/// <summary>
/// Claims the document version (tenant + SHA-256) in the registry and fixes the workflow's settings in
/// its history. When the same bytes already have a result and reuse is on, the plan carries it: no new
/// billed run, unless the request is confidential and the result is not (reuse never downgrades routing).
/// A billed run first needs the tenant's daily token budget (<see cref="TenantBudget"/>).
/// Idempotent: a repeated claim by the same workflow finds its own registration.
/// </summary>
public sealed class StartDocumentActivity(
    DocumentRegistry registry, TenantBudget budget, PipelineStorage storage, Taxonomy taxonomy, IOptions<PipelineOptions> pipeline, IOptions<DocumentWorkflowOptions> workflow)
    : TaskActivity<DocumentPipelineInput, DocumentPlan>
{
    public static readonly TaskOptions Retry = StepErrors.Retry(5, TimeSpan.FromSeconds(1));

    public override Task<DocumentPlan> RunAsync(TaskActivityContext context, DocumentPipelineInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return StepErrors.RunAsync("start", async () =>
        {
            var localId = WorkflowNames.LocalId(input.Tenant, context.InstanceId);
            var resultBlob = ResultPaths.BlobName(input.Tenant, localId);
            // A billed run needs budget; reusing a result of the same bytes is free, and a retry of this
            // step after its own claim has been checked already.
            var known = await registry.GetAsync(input.Tenant, input.ContentSha256, CancellationToken.None).ConfigureAwait(false);
            var free = known is not null && (known.WorkflowId == context.InstanceId || (pipeline.Value.ReuseExistingResults && known.ResultBlob is not null));
            if (!free)
            {
                await budget.EnsureAvailableAsync(input.Tenant, CancellationToken.None).ConfigureAwait(false);
            }

            var (claimed, registration) = await registry.ClaimAsync(input.Tenant, input.ContentSha256, context.InstanceId, CancellationToken.None).ConfigureAwait(false);
            var own = claimed || registration.WorkflowId == context.InstanceId;
            DocumentResult? existing = null;
            if (!own && pipeline.Value.ReuseExistingResults && registration.ResultBlob is { } blob)
            {
                existing = await ReadResultAsync(blob, CancellationToken.None).ConfigureAwait(false);
            }

            // Reuse never downgrades routing: a confidential request does not take a result whose steps may have
            // been served by a cloud route; it runs (billed, so it needs budget) on the confidential routes.
            if (existing is { Confidential: false } && input.Confidential)
            {
                existing = null;
                await budget.EnsureAvailableAsync(input.Tenant, CancellationToken.None).ConfigureAwait(false);
            }

            var options = workflow.Value;
            if (!string.IsNullOrWhiteSpace(options.ReviewDefaultLabel) && taxonomy.Find(options.ReviewDefaultLabel) is null)
            {
                throw new StepFailedException("review-default-invalid", "Pipeline:Workflow:ReviewDefaultLabel names no label of the taxonomy.", isTransient: false);
            }

            return new DocumentPlan(
                context.InstanceId,
                input.ContentSha256,
                resultBlob,
                own,
                pipeline.Value.ReviewConfidenceThreshold,
                options.ReviewEventName,
                options.ReviewTimeout,
                string.IsNullOrWhiteSpace(options.ReviewDefaultLabel) ? null : options.ReviewDefaultLabel,
                [.. taxonomy.Labels.Select(l => l.Name)],
                pipeline.Value.Limits.EmbeddingBatchSize,
                existing);
        });
    }

    private async Task<DocumentResult?> ReadResultAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var download = await storage.Container(workflow.Value.ResultsContainer).GetBlobClient(blobName)
                .DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(download.Value.Content.ToMemory().Span, PipelineJsonContext.Default.DocumentResult);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
