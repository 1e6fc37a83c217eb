using Serverless.Inference.Text;

namespace Serverless.Inference.Summarization;

/// <summary>
/// Extractive summaries: sentences are nodes, edges weigh the cosine similarity of their TF-IDF
/// word vectors, PageRank scores them; the best sentences that fit the budget are returned in their
/// original order. The budget is proportionate: at most a fifth of the sentences (at least one, at
/// most <see cref="MaxSentences"/>) and at most a third of the text's tokens (the best sentence is
/// always kept), within the caller's <c>maxTokens</c>; a short document gets a short summary.
/// </summary>
internal sealed class TextRankSummarizer(TokenCounter tokens)
{
    public const string ModelName = "serverless-textrank-v1";

    private const double Damping = 0.85;
    private const int MaxIterations = 50;
    private const double Tolerance = 1e-6;

    /// <summary>Most sentences in any summary.</summary>
    public const int MaxSentences = 6;

    /// <summary>Share of the text's sentences a summary may take.</summary>
    public const double SentenceShare = 0.2;

    /// <summary>Share of the text's tokens a summary may take (beyond its best sentence).</summary>
    public const double TokenShare = 1.0 / 3;

    public IReadOnlyList<SummarySentence> Summarize(string text, int maxTokens)
    {
        var sentences = TextSplitter.Sentences(text);
        if (sentences.Count == 0)
        {
            return [];
        }

        var scores = Rank(sentences);
        var costs = sentences.Select(tokens.Count).ToList();
        var sentenceBudget = Math.Clamp((int)Math.Round(sentences.Count * SentenceShare), 1, MaxSentences);
        var tokenBudget = (int)Math.Min(maxTokens, Math.Ceiling((costs.Sum() + sentences.Count - 1) * TokenShare));
        var chosen = new List<int>();
        var used = 0;
        foreach (var i in Enumerable.Range(0, sentences.Count).OrderByDescending(i => scores[i]).ThenBy(i => i))
        {
            if (chosen.Count == sentenceBudget)
            {
                break;
            }

            var cost = costs[i] + (chosen.Count > 0 ? 1 : 0);
            var fits = chosen.Count == 0 ? cost <= maxTokens : used + cost <= tokenBudget;
            if (fits)
            {
                chosen.Add(i);
                used += cost;
            }
        }

        return chosen.Order().Select(i => new SummarySentence(i, sentences[i], Math.Round(scores[i], 6))).ToList();
    }

    private static double[] Rank(List<string> sentences)
    {
        var vectors = sentences
            .Select(s => LexicalFeatures.Extract(TextSplitter.Words(s), LexicalFeatures.Kinds.Words | LexicalFeatures.Kinds.Bigrams))
            .ToList();
        SparseVector.ApplyIdf(vectors);
        vectors.ForEach(SparseVector.Normalize);

        var n = sentences.Count;
        var weights = new double[n, n];
        var outSum = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var w = SparseVector.Dot(vectors[i], vectors[j]);
                weights[i, j] = weights[j, i] = w;
                outSum[i] += w;
                outSum[j] += w;
            }
        }

        var scores = Enumerable.Repeat(1.0 / n, n).ToArray();
        var next = new double[n];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var delta = 0.0;
            for (var i = 0; i < n; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < n; j++)
                {
                    if (outSum[j] > 0)
                    {
                        sum += weights[j, i] / outSum[j] * scores[j];
                    }
                }

                next[i] = ((1 - Damping) / n) + (Damping * sum);
                delta += Math.Abs(next[i] - scores[i]);
            }

            (scores, next) = (next, scores);
            if (delta < Tolerance)
            {
                break;
            }
        }

        // A small lead bonus breaks ties between equally central sentences in favour of earlier ones.
        for (var i = 0; i < n; i++)
        {
            scores[i] *= 1.0 + (0.05 / (1 + i));
        }

        return scores;
    }
}
