namespace Serverless.Inference.Text;

/// <summary>
/// Hashed lexical features of a text: words, word bigrams and character 3-5-grams of each word
/// (with boundary marks), each kind with its own weight, counted with sublinear term frequency.
/// </summary>
internal static class LexicalFeatures
{
    public const float WordWeight = 1.0f;
    public const float BigramWeight = 0.6f;
    public const float CharGramWeight = 0.2f;

    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    [Flags]
    public enum Kinds
    {
        Words = 1,
        Bigrams = 2,
        CharGrams = 4,
        All = Words | Bigrams | CharGrams,
    }

    /// <summary>Weighted, sublinear (1 + ln tf) feature values keyed by a 64-bit hash.</summary>
    public static Dictionary<ulong, float> Extract(IReadOnlyList<string> words, Kinds kinds)
    {
        var counts = new Dictionary<ulong, (float Weight, int Count)>();
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if ((kinds & Kinds.Words) != 0 && !StopWords.Contains(w))
            {
                Add(counts, Hash('w', w, null), WordWeight);
            }

            if ((kinds & Kinds.Bigrams) != 0 && i + 1 < words.Count && !(StopWords.Contains(w) && StopWords.Contains(words[i + 1])))
            {
                Add(counts, Hash('b', w, words[i + 1]), BigramWeight);
            }

            if ((kinds & Kinds.CharGrams) != 0 && w.Length > 2)
            {
                var marked = "<" + w + ">";
                for (var n = 3; n <= 5; n++)
                {
                    for (var s = 0; s + n <= marked.Length; s++)
                    {
                        Add(counts, Hash('c', marked.AsSpan(s, n), default), CharGramWeight);
                    }
                }
            }
        }

        var features = new Dictionary<ulong, float>(counts.Count);
        foreach (var (key, (weight, count)) in counts)
        {
            features[key] = weight * (1f + MathF.Log(count));
        }

        return features;
    }

    public static ulong WordHash(string word) => Hash('w', word, null);

    private static void Add(Dictionary<ulong, (float Weight, int Count)> counts, ulong key, float weight)
    {
        counts[key] = counts.TryGetValue(key, out var c) ? (c.Weight, c.Count + 1) : (weight, 1);
    }

    private static ulong Hash(char kind, string first, string? second) =>
        Hash(kind, first.AsSpan(), second is null ? default : second.AsSpan());

    private static ulong Hash(char kind, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        var h = FnvOffset;
        h = (h ^ kind) * FnvPrime;
        foreach (var c in first)
        {
            h = (h ^ c) * FnvPrime;
        }

        if (!second.IsEmpty)
        {
            h = (h ^ ' ') * FnvPrime;
            foreach (var c in second)
            {
                h = (h ^ c) * FnvPrime;
            }
        }

        // Final avalanche (splitmix64) so that low and high bits are both usable.
        h ^= h >> 30;
        h *= 0xbf58476d1ce4e5b9UL;
        h ^= h >> 27;
        h *= 0x94d049bb133111ebUL;
        return h ^ (h >> 31);
    }
}
