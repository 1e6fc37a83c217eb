using System.Collections.Concurrent;

namespace Serverless.Inference.Embedding;

/// <summary>
/// Vectors of texts the classifier embeds again and again (label descriptions, reviewed examples),
/// keyed by the text itself. A vector depends on its text alone, so a cached one equals a fresh one;
/// the cache only saves model runs. Bounded: it starts over when full.
/// </summary>
internal sealed class EmbeddingCache(ITextEmbedder embedder, int maxEntries = EmbeddingCache.DefaultMaxEntries)
{
    public const int DefaultMaxEntries = 8192;

    private readonly ConcurrentDictionary<(string Text, bool Query), float[]> _vectors = new();

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, bool query, CancellationToken cancellationToken)
    {
        var result = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (_vectors.TryGetValue((texts[i], query), out var vector))
            {
                result[i] = vector;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var fresh = await embedder.EmbedAsync([.. missing.Select(i => texts[i])], query, cancellationToken).ConfigureAwait(false);
            if (_vectors.Count + fresh.Length > maxEntries)
            {
                _vectors.Clear();
            }

            for (var j = 0; j < missing.Count; j++)
            {
                result[missing[j]] = fresh[j];
                _vectors[(texts[missing[j]], query)] = fresh[j];
            }
        }

        return result;
    }
}
