using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.Extensions.Options;
using Serverless.Inference.Embedding;
using Serverless.Inference.Text;

namespace Serverless.Inference.Classification;

/// <summary>
/// Classification that combines signals: the document's arctic-embed vector (the mean of its first
/// pieces) against each label's name and description embedded as a query, against the label's examples
/// (the taxonomy's phrases and every reviewed document the caller sends), and the lexical classifier's
/// probability. Sentences that address a model are removed first (<see cref="InstructionFilter"/>).
/// The weighted sum goes through a softmax whose temperature was calibrated on the evaluation corpus.
/// </summary>
internal sealed class HybridClassifier(EmbeddingCache cache, IOptions<ClassificationOptions> options)
{
    public const string ModelName = "serverless-hybrid-classifier-v1";

    private readonly ClassificationOptions _options = options.Value;

    public async Task<ClassificationResult> ClassifyAsync(string text, IReadOnlyList<(string Name, string Description, IReadOnlyList<string> Examples)> labels, CancellationToken cancellationToken)
    {
        var (clean, removed) = InstructionFilter.Remove(text, [.. labels.Select(l => l.Name)]);
        if (string.IsNullOrWhiteSpace(clean))
        {
            clean = text;
        }

        var document = await DocumentVectorAsync(clean, cancellationToken).ConfigureAwait(false);
        var descriptions = await cache.EmbedAsync([.. labels.Select(l => $"{l.Name}: {l.Description}")], query: _options.DescriptionAsQuery, cancellationToken).ConfigureAwait(false);
        if (_options.CenterDescriptions && descriptions.Length > 1)
        {
            descriptions = Centered(descriptions);
        }

        var lexical = LexicalClassifier.Classify(clean, labels).Scores.ToDictionary(s => s.Label, s => s.Score, StringComparer.Ordinal);

        var combined = new double[labels.Count];
        var parts = new (double Description, double Example, int Examples)[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            var description = TensorPrimitives.Dot(document, descriptions[i]);
            var examples = labels[i].Examples.Where(e => !string.IsNullOrWhiteSpace(e)).ToList();
            var example = description;
            if (examples.Count > 0)
            {
                var vectors = await cache.EmbedAsync(examples, query: false, cancellationToken).ConfigureAwait(false);
                var best = vectors.Select(v => (double)TensorPrimitives.Dot(document, v)).OrderDescending().Take(2).ToList();
                example = (float)best.Average();
            }

            parts[i] = (description, example, examples.Count);
            combined[i] = (_options.DescriptionWeight * description) + (_options.ExampleWeight * example) + (_options.LexicalWeight * lexical.GetValueOrDefault(labels[i].Name));
        }

        var max = combined.Max();
        var exp = combined.Select(c => Math.Exp((c - max) / _options.Temperature)).ToArray();
        var total = exp.Sum();
        var scores = labels.Select((l, i) => new LabelScore(l.Name, Math.Round(exp[i] / total, 4))).ToList();
        var top = Array.IndexOf(combined, max);
        var rationale = string.Create(CultureInfo.InvariantCulture,
            $"'{labels[top].Name}': similarity to its description {parts[top].Description:0.000}, to its {parts[top].Examples} example(s) {parts[top].Example:0.000}, lexical {lexical.GetValueOrDefault(labels[top].Name):0.00}.")
            + (removed > 0 ? $" {removed} instruction-like sentence(s) in the document were ignored." : "");
        return new ClassificationResult(labels[top].Name, scores[top].Score, rationale, scores);
    }

    private static float[][] Centered(float[][] vectors)
    {
        var mean = new float[vectors[0].Length];
        foreach (var vector in vectors)
        {
            TensorPrimitives.Add(mean, vector, mean);
        }

        TensorPrimitives.Divide(mean, vectors.Length, mean);
        return [.. vectors.Select(v =>
        {
            var centered = new float[v.Length];
            TensorPrimitives.Subtract(v, mean, centered);
            var norm = TensorPrimitives.Norm(centered);
            TensorPrimitives.Divide(centered, norm == 0 ? 1 : norm, centered);
            return centered;
        })];
    }

    private async Task<float[]> DocumentVectorAsync(string text, CancellationToken cancellationToken)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var pieces = words.Chunk(_options.WordsPerPiece).Take(_options.MaxPieces).Select(p => string.Join(' ', p)).ToArray();
        if (pieces.Length == 0)
        {
            pieces = [text];
        }

        var vectors = await cache.EmbedAsync(pieces, query: false, cancellationToken).ConfigureAwait(false);
        var mean = new float[vectors[0].Length];
        foreach (var vector in vectors)
        {
            TensorPrimitives.Add(mean, vector, mean);
        }

        var norm = TensorPrimitives.Norm(mean);
        TensorPrimitives.Divide(mean, norm == 0 ? 1 : norm, mean);
        return mean;
    }
}
