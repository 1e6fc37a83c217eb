using System.Globalization;
using System.Text.RegularExpressions;
using Serverless.Inference.Text;

namespace Serverless.Inference.Classification;

/// <summary>
/// Zero/few-shot lexical classification: each label becomes a profile (name, description,
/// examples); words and character n-grams are weighted by IDF across the profiles, so that words
/// every label shares count little; the text's similarity to each profile (and to the closest
/// example) is turned into probabilities with a softmax.
/// </summary>
internal sealed partial class LexicalClassifier
{
    public const string ModelName = "serverless-lexical-classifier-v1";

    private const double Temperature = 0.05;
    private const double ExampleWeight = 0.5;
    private const LexicalFeatures.Kinds Kinds = LexicalFeatures.Kinds.Words | LexicalFeatures.Kinds.CharGrams;

    public static ClassificationResult Classify(string text, IReadOnlyList<(string Name, string Description, IReadOnlyList<string> Examples)> labels)
    {
        var textWords = TextSplitter.Words(text);
        var profileWords = labels.Select(l => LabelWords(l.Name).Concat(TextSplitter.Words(l.Description)).ToList()).ToList();
        var profiles = profileWords.Select(w => LexicalFeatures.Extract(w, Kinds)).ToList();
        var examples = labels.Select(l => l.Examples.Select(e => LexicalFeatures.Extract(TextSplitter.Words(e), Kinds)).ToList()).ToList();

        for (var i = 0; i < labels.Count; i++)
        {
            foreach (var e in examples[i])
            {
                profiles[i] = Merge(profiles[i], e);
            }
        }

        var textVector = LexicalFeatures.Extract(textWords, Kinds);
        var all = new List<Dictionary<ulong, float>>(profiles);
        all.AddRange(examples.SelectMany(e => e));
        all.Add(textVector);
        SparseVector.ApplyIdf(all);
        all.ForEach(SparseVector.Normalize);

        var raw = new double[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            double similarity = SparseVector.Dot(textVector, profiles[i]);
            if (examples[i].Count > 0)
            {
                var best = examples[i].Max(e => SparseVector.Dot(textVector, e));
                similarity = ((1 - ExampleWeight) * similarity) + (ExampleWeight * best);
            }

            raw[i] = similarity;
        }

        var max = raw.Max();
        var exp = raw.Select(r => Math.Exp((r - max) / Temperature)).ToArray();
        var total = exp.Sum();
        var scores = labels.Select((l, i) => new LabelScore(l.Name, Math.Round(exp[i] / total, 4))).ToList();
        var top = Array.IndexOf(raw, max);
        return new ClassificationResult(labels[top].Name, scores[top].Score, Rationale(textWords, profileWords[top], labels[top].Examples, labels[top].Name, raw[top]), scores);
    }

    private static Dictionary<ulong, float> Merge(Dictionary<ulong, float> a, Dictionary<ulong, float> b)
    {
        var merged = new Dictionary<ulong, float>(a);
        foreach (var (k, v) in b)
        {
            merged[k] = merged.GetValueOrDefault(k) + (v * 0.5f);
        }

        return merged;
    }

    private static List<string> LabelWords(string name) =>
        TextSplitter.Words(CamelBoundary().Replace(name, " "));

    private static string Rationale(List<string> textWords, List<string> profileWords, IReadOnlyList<string> examples, string label, double similarity)
    {
        var labelTerms = new HashSet<string>(profileWords.Concat(examples.SelectMany(TextSplitter.Words)).Where(w => !StopWords.Contains(w)));
        var matched = textWords
            .Where(labelTerms.Contains)
            .GroupBy(w => w)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(6)
            .Select(g => g.Key)
            .ToList();
        var sim = similarity.ToString("0.00", CultureInfo.InvariantCulture);
        return matched.Count == 0
            ? $"No label's terms occur in the text; '{label}' is the closest by character n-grams (similarity {sim})."
            : $"Matched terms of '{label}': {string.Join(", ", matched)} (similarity {sim}).";
    }

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])|[_\\-]")]
    private static partial Regex CamelBoundary();
}
