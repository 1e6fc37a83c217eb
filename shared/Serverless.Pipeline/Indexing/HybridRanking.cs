namespace Serverless.Pipeline.Indexing;

/// <summary>
/// Reciprocal rank fusion (Cormack et al. 2009, as Azure AI Search fuses its hybrid queries): a result's
/// score is the sum over the rankings it appears in of <c>weight / (K + rank)</c>, rank counted from 1.
/// </summary>
public static class HybridRanking
{
    /// <summary>The usual constant (Azure AI Search and the paper use 60).</summary>
    public const int K = 60;

    /// <summary>How deep each ranking is read before fusing (at least k).</summary>
    public const int CandidatesPerRanking = 50;

    /// <summary>Fuses rankings (each best first) of the same keys; returns keys with their fused score, best first.</summary>
    public static List<(TKey Key, double Score)> Fuse<TKey>(IReadOnlyList<(IReadOnlyList<TKey> Ranking, double Weight)> rankings, int k)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(rankings);
        var scores = new Dictionary<TKey, double>();
        foreach (var (ranking, weight) in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + (weight / (K + rank + 1));
            }
        }

        return [.. scores.OrderByDescending(s => s.Value).Take(k).Select(s => (s.Key, s.Value))];
    }
}
