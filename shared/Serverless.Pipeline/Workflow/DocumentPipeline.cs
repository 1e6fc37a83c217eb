using System.Text.Json;
using Microsoft.DurableTask;
using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Results;

namespace Serverless.Pipeline.Workflow;

/// <summary>
/// The document workflow: start (registry claim, settings) -> extract -> chunk -> summarise and classify
/// (in parallel; a low-confidence label waits for a human decision, with a timeout and a default) ->
/// embed (fan-out over chunk batches, fan-in) -> index -> persist the result JSON and the tenant's usage -> notify. Every step
/// is an idempotent activity with its own retry policy; the custom status shows the step, progress,
/// tokens and cost while it runs. A failure releases the claim, notifies, and fails the workflow with
/// the step's reason (a stable code first).
/// </summary>
public sealed class DocumentPipeline : TaskOrchestrator<DocumentPipelineInput, DocumentResult>
{
    private const int StepsTotal = 8;

    public override async Task<DocumentResult> RunAsync(TaskOrchestrationContext context, DocumentPipelineInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var status = new StatusTracker(context, StepsTotal);
        if (input.HoldUntilEvent is { } release)
        {
            status.Waiting(release);
            await context.WaitForExternalEvent<JsonElement?>(release, CancellationToken.None);
        }

        DocumentPlan? plan = null;
        try
        {
            status.Enter("start");
            plan = await context.CallActivityAsync<DocumentPlan>(nameof(StartDocumentActivity), input, StartDocumentActivity.Retry);
            return plan.Existing is { } existing
                ? await ReuseAsync(context, input, plan, existing, status)
                : await ProcessAsync(context, input, plan, status);
        }
        catch (TaskFailedException e)
        {
            // A failed start (no budget, bad settings) is reported like any other failure: the caller hears of it.
            var reason = e.FailureDetails.ErrorMessage;
            if (plan is { Claimed: true })
            {
                await context.CallActivityAsync<bool>(nameof(ReleaseDocumentActivity), new ReleaseInput(input.Tenant, input.ContentSha256, context.InstanceId), ReleaseDocumentActivity.Retry);
            }

            status.Enter("failed");
            await RecordUsageAsync(context, new WorkflowUsage(input.Tenant, context.InstanceId, WorkflowUsage.Failed, context.CurrentUtcDateTime, status.Records));
            await NotifyAsync(context, input, new WorkflowCompletion(
                context.InstanceId, input.Tenant, WorkflowCompletion.Failed, null, null, null, status.Tokens, status.Cost, reason, input.CorrelationId));
            throw new DocumentPipelineFailedException($"{e.TaskName} failed: {reason}");
        }
    }

    private static async Task<DocumentResult> ProcessAsync(TaskOrchestrationContext context, DocumentPipelineInput input, DocumentPlan plan, StatusTracker status)
    {
        status.Done("start");
        var extracted = await context.CallActivityAsync<ExtractOutput>(nameof(ExtractTextActivity), input, ExtractTextActivity.Retry);
        status.Done("extract", extracted.Step);

        var chunked = await context.CallActivityAsync<ChunkOutput>(nameof(ChunkTextActivity), new ChunkInput(input, plan.EmbeddingBatchSize), ChunkTextActivity.Retry);
        status.Done("chunk", chunked.Step);

        var stepInput = new StepInput(input, extracted.Confidential);
        status.Enter("summarize+classify");
        var summarizing = context.CallActivityAsync<SummarizeOutput>(nameof(SummarizeActivity), stepInput, SummarizeActivity.Retry);
        var classifying = context.CallActivityAsync<ClassifyOutput>(nameof(ClassifyActivity), stepInput, ClassifyActivity.Retry);
        try
        {
            await Task.WhenAll(summarizing, classifying);
        }
        catch (TaskFailedException)
        {
            // Both have ended: the one that succeeded was billed, and the usage of the failed workflow must say so.
            await RecordIfSucceededAsync(status, "summarize", summarizing, s => s.Step);
            await RecordIfSucceededAsync(status, "classify", classifying, c => c.Step);
            throw;
        }

        var summary = await summarizing;
        var classified = await classifying;
        status.Done("summarize", summary.Step);
        status.Done("classify", classified.Step);

        var (classification, decidedBy) = await ReviewAsync(context, plan, classified.Classification, status);

        status.Enter("embed", batchesTotal: chunked.BatchCount);
        var batches = Enumerable.Range(0, chunked.BatchCount)
            .Select(b => context.CallActivityAsync<EmbedBatchOutput>(nameof(EmbedBatchActivity), new EmbedBatchInput(input, extracted.Confidential, b, plan.EmbeddingBatchSize), EmbedBatchActivity.Retry))
            .ToList();
        var embedded = new List<EmbedBatchOutput>(batches.Count);
        while (batches.Count > 0)
        {
            var next = await Task.WhenAny(batches);
            batches.Remove(next);
            var batch = await next;
            embedded.Add(batch);
            status.BatchDone(batch.Step);
        }

        status.Done("embed");
        var indexed = await context.CallActivityAsync<int>(
            nameof(IndexChunksActivity), new IndexInput(input, extracted.Confidential, plan.DocumentId, chunked.BatchCount, plan.EmbeddingBatchSize), IndexChunksActivity.Retry);
        status.Done("index");

        var result = new DocumentResult
        {
            Tenant = input.Tenant,
            WorkflowId = context.InstanceId,
            DocumentId = plan.DocumentId,
            ContentHash = input.ContentSha256,
            FileName = input.FileName,
            Confidential = extracted.Confidential,
            Kind = extracted.Kind,
            PageCount = extracted.PageCount,
            OcrPageCount = extracted.OcrPageCount,
            Language = extracted.Language,
            Summary = summary.Summary,
            Classification = classification,
            LabelDecidedBy = decidedBy,
            ChunkCount = indexed,
            Steps = [extracted.Step, chunked.Step, summary.Step, classified.Step, .. embedded.OrderBy(b => b.Batch).Select(b => b.Step)],
        };
        var resultBlob = await context.CallActivityAsync<string>(nameof(PersistResultActivity), new PersistInput(result, plan.ResultBlob, plan.Claimed, context.CurrentUtcDateTime), PersistResultActivity.Retry);
        status.Done("persist");

        await NotifyAsync(context, input, Completion(context, input, result, resultBlob));
        status.Done("notify");
        return result;
    }

    private static async Task<(ClassificationResult Classification, string DecidedBy)> ReviewAsync(
        TaskOrchestrationContext context, DocumentPlan plan, ClassificationResult classification, StatusTracker status)
    {
        if (!classification.NeedsReview(plan.ReviewThreshold))
        {
            return (classification, "model");
        }

        status.WaitingForReview(plan.ReviewEventName, classification.Label, classification.Confidence);
        try
        {
            var decision = await context.WaitForExternalEvent<ReviewDecision>(plan.ReviewEventName, plan.ReviewTimeout);
            if (decision?.Label is { } label && plan.Labels.Contains(label, StringComparer.Ordinal))
            {
                var rationale = $"Decided in review{(decision.Reviewer is { Length: > 0 } r ? " by " + r : "")}; the model said {classification.Label} ({classification.Confidence:0.00}).";
                return (classification with { Label = label, Confidence = 1.0, Rationale = rationale }, "human");
            }
        }
        catch (TaskCanceledException)
        {
            // The review timed out: the default applies.
        }

        return plan.ReviewDefaultLabel is { } fallback
            ? (classification with { Label = fallback, Rationale = $"Review timed out; default label applied (the model said {classification.Label})." }, "default")
            : (classification, "default");
    }

    private static async Task<DocumentResult> ReuseAsync(TaskOrchestrationContext context, DocumentPipelineInput input, DocumentPlan plan, DocumentResult existing, StatusTracker status)
    {
        var reused = existing with
        {
            WorkflowId = context.InstanceId,
            FileName = input.FileName ?? existing.FileName,
            ReusedFromWorkflowId = existing.WorkflowId,
            Steps = [.. existing.Steps.Select(s => s with { InputTokens = 0, OutputTokens = 0, Cost = 0m, Cached = true, DurationMs = 0 })],
        };
        status.Enter("persist");
        var resultBlob = await context.CallActivityAsync<string>(nameof(PersistResultActivity), new PersistInput(reused, plan.ResultBlob, Claimed: false, context.CurrentUtcDateTime), PersistResultActivity.Retry);
        await NotifyAsync(context, input, Completion(context, input, reused, resultBlob));
        status.Done("notify");
        return reused;
    }

    private static WorkflowCompletion Completion(TaskOrchestrationContext context, DocumentPipelineInput input, DocumentResult result, string resultBlob) =>
        new(context.InstanceId, input.Tenant, WorkflowCompletion.Completed, resultBlob, result.Classification?.Label, result.Classification?.Confidence,
            result.InputTokens + result.OutputTokens, result.Cost, null, input.CorrelationId);

    private static async Task RecordIfSucceededAsync<T>(StatusTracker status, string step, Task<T> task, Func<T, StepRecord> record)
    {
        if (task.IsCompletedSuccessfully)
        {
            status.Done(step, record(await task));
        }
    }

    /// <summary>Usage is accounting, not the document's outcome: a usage table that stays unreachable is logged, not fatal.</summary>
    private static async Task RecordUsageAsync(TaskOrchestrationContext context, WorkflowUsage usage)
    {
        try
        {
            await context.CallActivityAsync<bool>(nameof(RecordUsageActivity), usage, RecordUsageActivity.Retry);
        }
        catch (TaskFailedException e)
        {
            WorkflowLog.UsageNotRecorded(context.CreateReplaySafeLogger<DocumentPipeline>(), context.InstanceId, e.FailureDetails.ErrorMessage);
        }
    }

    private static async Task NotifyAsync(TaskOrchestrationContext context, DocumentPipelineInput input, WorkflowCompletion completion)
    {
        try
        {
            await context.CallActivityAsync<int>(nameof(NotifyActivity), new NotifyInput(input, completion), NotifyActivity.Retry);
        }
        catch (TaskFailedException e)
        {
            // The result is persisted and the status API has it: a receiver that stayed down does not undo the work.
            WorkflowLog.NotifyFailed(context.CreateReplaySafeLogger<DocumentPipeline>(), context.InstanceId, e.FailureDetails.ErrorMessage);
        }
    }
}
