using System.ClientModel;
using Microsoft.Extensions.AI;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Cost;

namespace Serverless.Pipeline.Embedding;

/// <summary>
/// Embeds texts with an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (Azure OpenAI, or the
/// inference app's OpenAI-compatible /v1/embeddings). <see cref="Batches"/> splits the chunks for a
/// fan-out (one activity per batch); <see cref="EmbedBatchAsync"/> is one batch's call.
/// </summary>
public sealed class DocumentEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, ResolvedRoute route, CostCalculator cost)
{
    public ResolvedRoute Route => route;

    /// <summary>Consecutive batches of at most <paramref name="batchSize"/> items, in order.</summary>
    public static IReadOnlyList<IReadOnlyList<T>> Batches<T>(IReadOnlyList<T> items, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return [.. items.Chunk(batchSize).Select(b => (IReadOnlyList<T>)b)];
    }

    /// <summary>One batch of passages (document chunks), embedded as they are.</summary>
    public Task<EmbeddingBatch> EmbedBatchAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        EmbedAsync(texts, new EmbeddingGenerationOptions { ModelId = route.Model }, cancellationToken);

    /// <summary>
    /// A search query. Asymmetric models (arctic-embed) embed queries with an instruction prefix; the
    /// inference app adds it when the request says <c>"input_type": "query"</c> (NVIDIA NIM's field),
    /// sent through the OpenAI client's JSON patch. Other providers get the query as it is: OpenAI's
    /// API refuses unknown fields, and its models are symmetric.
    /// </summary>
    public Task<EmbeddingBatch> EmbedQueryAsync(string query, CancellationToken cancellationToken)
    {
        var options = new EmbeddingGenerationOptions { ModelId = route.Model };
        if (route.Kind == ProviderKind.Inference)
        {
            options.RawRepresentationFactory = _ => QueryOptions();
        }

        return EmbedAsync([query], options, cancellationToken);
    }

    private static OpenAI.Embeddings.EmbeddingGenerationOptions QueryOptions()
    {
        var options = new OpenAI.Embeddings.EmbeddingGenerationOptions();
#pragma warning disable SCME0001 // JsonPatch is marked experimental; it is how OpenAI 2.x sends fields its models do not declare.
        options.Patch.Set("$.input_type"u8, "query");
#pragma warning restore SCME0001
        return options;
    }

    private async Task<EmbeddingBatch> EmbedAsync(IReadOnlyList<string> texts, EmbeddingGenerationOptions options, CancellationToken cancellationToken)
    {
        GeneratedEmbeddings<Embedding<float>> generated;
        try
        {
            generated = await generator.GenerateAsync(texts, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ClientResultException e)
        {
            var transient = e.Status is 0 or 408 or 429 or >= 500;
            throw new StepFailedException(transient ? StepErrorCodes.ProviderUnavailable : StepErrorCodes.ProviderRejected, $"embed: the provider answered {e.Status}.", transient, e);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new StepFailedException(StepErrorCodes.ProviderUnavailable, $"embed: the provider could not be reached ({e.GetType().Name}).", isTransient: true, e);
        }

        if (generated.Count != texts.Count)
        {
            throw new StepFailedException(StepErrorCodes.ModelOutputInvalid, $"embed: {texts.Count} inputs gave {generated.Count} vectors.", isTransient: false);
        }

        var input = generated.Usage?.InputTokenCount ?? 0;
        return new EmbeddingBatch([.. generated.Select(e => e.Vector.ToArray())], route, cost.Usage(nameof(AiStep.Embed), route.Provider, route.Model, input, 0));
    }

    /// <summary>All texts, batch after batch (for callers that do not fan out).</summary>
    public async Task<EmbeddingBatch> EmbedAllAsync(IReadOnlyList<string> texts, int batchSize, CancellationToken cancellationToken)
    {
        var vectors = new List<float[]>(texts.Count);
        var usage = StepUsage.None(nameof(AiStep.Embed), route.Provider, route.Model);
        foreach (var batch in Batches(texts, batchSize))
        {
            var result = await EmbedBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            vectors.AddRange(result.Vectors);
            usage = usage.Add(result.Usage);
        }

        return new EmbeddingBatch(vectors, route, usage);
    }
}
