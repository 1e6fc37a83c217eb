using Microsoft.DurableTask;
using Serverless.Pipeline.Ai;

namespace Serverless.Pipeline.Workflow;

/// <summary>Embeds one batch of chunks (one activity per batch: the fan-out); the vectors go to the step cache.</summary>
public sealed class EmbedBatchActivity(PipelineArtifacts artifacts, TimeProvider time) : TaskActivity<EmbedBatchInput, EmbedBatchOutput>
{
    public static readonly TaskOptions Retry = StepErrors.Retry(4, TimeSpan.FromSeconds(5), max: TimeSpan.FromMinutes(1));

    public override Task<EmbedBatchOutput> RunAsync(TaskActivityContext context, EmbedBatchInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return StepErrors.RunAsync("embed", async () =>
        {
            var started = time.GetTimestamp();
            using var callKey = AiCallContext.Begin(WorkflowNames.CallKey(context.InstanceId, $"embed-{input.Batch}"));
            var (batch, cached) = await artifacts.EmbeddingsAsync(input.Document, input.Confidential, input.Batch, input.BatchSize, CancellationToken.None).ConfigureAwait(false);
            return new EmbedBatchOutput(input.Batch, batch.Vectors.Count, StepRecords.From($"embed-{input.Batch}", batch.Usage, cached, time.GetElapsedTime(started)));
        });
    }
}
