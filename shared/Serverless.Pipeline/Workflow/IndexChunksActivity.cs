using Microsoft.DurableTask;
using Serverless.Pipeline.Indexing;

namespace Serverless.Pipeline.Workflow;

/// <summary>Gathers the chunks and their vectors from the step cache and makes the document's index entries exactly these (upsert).</summary>
public sealed class IndexChunksActivity(PipelineArtifacts artifacts, IVectorIndex index) : TaskActivity<IndexInput, int>
{
    public static readonly TaskOptions Retry = StepErrors.Retry(5, TimeSpan.FromSeconds(1));

    public override Task<int> RunAsync(TaskActivityContext context, IndexInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return StepErrors.RunAsync("index", async () =>
        {
            var (chunks, _) = await artifacts.ChunksAsync(input.Document, CancellationToken.None).ConfigureAwait(false);
            var vectors = new List<float[]>(chunks.Count);
            for (var batch = 0; batch < input.BatchCount; batch++)
            {
                var (embedded, _) = await artifacts.EmbeddingsAsync(input.Document, input.Confidential, batch, input.BatchSize, CancellationToken.None).ConfigureAwait(false);
                vectors.AddRange(embedded.Vectors);
            }

            if (vectors.Count != chunks.Count)
            {
                throw new StepFailedException(StepErrorCodes.ModelOutputInvalid, $"index: {chunks.Count} chunks but {vectors.Count} vectors.", isTransient: false);
            }

            var entries = chunks.Select((c, i) => new IndexedChunk(c.Index, c.FirstPage, c.LastPage, c.Text, vectors[i], input.Document.FileName)).ToList();
            await index.UpsertAsync(input.Document.Tenant, input.DocumentId, entries, CancellationToken.None).ConfigureAwait(false);
            return entries.Count;
        });
    }
}
