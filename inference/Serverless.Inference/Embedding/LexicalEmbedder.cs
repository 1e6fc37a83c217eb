using Microsoft.Extensions.Options;
using Serverless.Inference.Text;

namespace Serverless.Inference.Embedding;

/// <summary>
/// A non-neural embedding model: hashed word, bigram and character n-gram features with sublinear
/// TF and (optionally) IDF learned from every text embedded so far, signed-hashed into a fixed
/// dimension and L2-normalised. Good at lexical overlap and spelling variants; it has no notion
/// of synonyms, which is why it is named a lexical model.
/// </summary>
internal sealed class LexicalEmbedder(IOptions<EmbeddingOptions> options)
{
    public const string ModelName = "serverless-lexical-v1";

    private const int DfBits = 20;
    private const ulong DfMask = (1UL << DfBits) - 1;

    private readonly EmbeddingOptions _options = options.Value;
    private readonly int[] _documentFrequency = new int[1 << DfBits];
    private long _documents;

    public int DefaultDimensions => _options.Dimensions;

    public long DocumentsSeen => Interlocked.Read(ref _documents);

    public float[] Embed(string text, int dimensions)
    {
        var features = LexicalFeatures.Extract(TextSplitter.Words(text), LexicalFeatures.Kinds.All);
        if (_options.LearnIdf)
        {
            Learn(features);
        }

        var vector = new float[dimensions];
        var documents = Interlocked.Read(ref _documents);
        var useIdf = _options.LearnIdf && documents >= _options.MinDocumentsForIdf;
        foreach (var (hash, value) in features)
        {
            var idf = useIdf
                ? MathF.Log((1f + documents) / (1f + Volatile.Read(ref _documentFrequency[hash & DfMask]))) + 1f
                : 1f;
            var index = (int)((hash >> 32) % (ulong)dimensions);
            var sign = (hash & (1UL << 31)) == 0 ? 1f : -1f;
            vector[index] += sign * value * idf;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0f)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    private void Learn(Dictionary<ulong, float> features)
    {
        foreach (var hash in features.Keys)
        {
            Interlocked.Increment(ref _documentFrequency[hash & DfMask]);
        }

        Interlocked.Increment(ref _documents);
    }
}
