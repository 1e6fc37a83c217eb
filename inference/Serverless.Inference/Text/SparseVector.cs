namespace Serverless.Inference.Text;

internal static class SparseVector
{
    public static void Normalize(Dictionary<ulong, float> vector)
    {
        var norm = MathF.Sqrt(vector.Values.Sum(v => v * v));
        if (norm <= 0f)
        {
            return;
        }

        foreach (var key in vector.Keys.ToList())
        {
            vector[key] /= norm;
        }
    }

    public static float Dot(Dictionary<ulong, float> a, Dictionary<ulong, float> b)
    {
        if (a.Count > b.Count)
        {
            (a, b) = (b, a);
        }

        var sum = 0f;
        foreach (var (key, value) in a)
        {
            if (b.TryGetValue(key, out var other))
            {
                sum += value * other;
            }
        }

        return sum;
    }

    /// <summary>Multiplies each feature by ln((1 + n) / (1 + df)) + 1, the smoothed IDF over the given documents.</summary>
    public static void ApplyIdf(IReadOnlyList<Dictionary<ulong, float>> documents)
    {
        var df = new Dictionary<ulong, int>();
        foreach (var doc in documents)
        {
            foreach (var key in doc.Keys)
            {
                df[key] = df.GetValueOrDefault(key) + 1;
            }
        }

        var n = documents.Count;
        foreach (var doc in documents)
        {
            foreach (var key in doc.Keys.ToList())
            {
                doc[key] *= MathF.Log((1f + n) / (1f + df[key])) + 1f;
            }
        }
    }
}
