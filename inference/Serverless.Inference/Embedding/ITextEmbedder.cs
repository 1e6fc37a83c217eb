namespace Serverless.Inference.Embedding;

/// <summary>A sentence embedding model: normalised vectors of texts, queries marked as such (for models that prefix them).</summary>
internal interface ITextEmbedder
{
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, bool query, CancellationToken cancellationToken);
}
