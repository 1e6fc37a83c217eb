using Serverless.Inference.Text;

namespace Serverless.Evaluation;

/// <summary>
/// The embedding model the inference app served before arctic-embed (serverless-lexical-v1), kept here
/// only as the "before" of the search figures: hashed word, bigram and character n-gram features,
/// sublinear TF, IDF learned from every text embedded so far, 1,024 dimensions, L2-normalised.
/// </summary>
internal sealed class LexicalBaseline
{
    private const int Dimensions = 1024;
    private const int MinDocumentsForIdf = 20;
    private readonly Dictionary<ulong, int> _documentFrequency = [];
    private int _documents;

    public float[] Embed(string text)
    {
        var features = LexicalFeatures.Extract(TextSplitter.Words(text), LexicalFeatures.Kinds.All);
        foreach (var hash in features.Keys)
        {
            _documentFrequency[hash & ((1UL << 20) - 1)] = _documentFrequency.GetValueOrDefault(hash & ((1UL << 20) - 1)) + 1;
        }

        _documents++;
        var vector = new float[Dimensions];
        foreach (var (hash, value) in features)
        {
            var idf = _documents >= MinDocumentsForIdf ? MathF.Log((1f + _documents) / (1f + _documentFrequency[hash & ((1UL << 20) - 1)])) + 1f : 1f;
            vector[(int)((hash >> 32) % Dimensions)] += ((hash & (1UL << 31)) == 0 ? 1f : -1f) * value * idf;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm > 0 ? [.. vector.Select(v => v / norm)] : vector;
    }
}
