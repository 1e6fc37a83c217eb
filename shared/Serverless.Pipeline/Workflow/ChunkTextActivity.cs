using Microsoft.DurableTask;

namespace Serverless.Pipeline.Workflow;

/// <summary>Splits the extracted text into token windows with overlap (pages kept) and reports the fan-out width.</summary>
public sealed class ChunkTextActivity(PipelineArtifacts artifacts, TimeProvider time) : TaskActivity<ChunkInput, ChunkOutput>
{
    public static readonly TaskOptions Retry = StepErrors.Retry(4, TimeSpan.FromSeconds(1));

    public override Task<ChunkOutput> RunAsync(TaskActivityContext context, ChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return StepErrors.RunAsync("chunk", async () =>
        {
            var started = time.GetTimestamp();
            var (chunks, cached) = await artifacts.ChunksAsync(input.Document, CancellationToken.None).ConfigureAwait(false);
            var batches = (chunks.Count + input.EmbeddingBatchSize - 1) / input.EmbeddingBatchSize;
            return new ChunkOutput(chunks.Count, batches, StepRecords.Local("chunk", cached, time.GetElapsedTime(started)));
        });
    }
}
