using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Serverless.Inference.Embedding;
using Serverless.Inference.Text;

namespace Serverless.Inference.Classification;

/// <summary>
/// Classification that combines signals, each computed on the document with its instruction-like sentences
/// removed (<see cref="InstructionFilter"/>):
/// <list type="bullet">
/// <item>a head: a softmax regression over arctic-embed vectors, trained per taxonomy on each label's description
/// and examples (the taxonomy's phrases and every reviewed document the caller sends, so review moves the decision
/// boundary), applied to every line of the document and averaged: a receipt that quotes the invoice it settles has
/// a line or two that read like an invoice among lines that confirm a payment, where one vector of the whole
/// document is pulled toward the invoice;</item>
/// <item>the lexical classifier's probability;</item>
/// <item>optional (weight 0 by default; the tuner found no gain on the development corpus): the document's vector
/// against the description embedded as a query, against the closest examples, and the head on the whole document.</item>
/// </list>
/// Both default signals are averaged with <see cref="ClassificationOptions.WindowPrior"/> lines of no opinion, so a
/// text of a line or two cannot be confident; the weighted sum goes through a softmax whose temperature was
/// calibrated on a development corpus.
/// </summary>
internal sealed partial class HybridClassifier(EmbeddingCache cache, IOptions<ClassificationOptions> options)
{
    public const string ModelName = "serverless-hybrid-classifier-v1";

    private const int MaxHeads = 256;

    /// <summary>The highest confidence the model reports.</summary>
    public const double MaxConfidence = 0.9999;

    private readonly ClassificationOptions _options = options.Value;
    /// <summary>Vectors kept for examples (whole and lines), beyond the embedding cache, which new documents' lines keep filling.</summary>
    private const int MaxExampleVectors = 32_768;

    private readonly ConcurrentDictionary<string, Lazy<Task<SoftmaxRegression>>> _heads = new();
    private readonly ConcurrentDictionary<string, (float[] Whole, float[][] Lines)> _examples = new();
    private int _exampleVectors;

    public async Task<ClassificationResult> ClassifyAsync(string text, IReadOnlyList<(string Name, string Description, IReadOnlyList<string> Examples)> labels, CancellationToken cancellationToken)
    {
        var signals = await SignalsAsync(text, labels, cancellationToken).ConfigureAwait(false);
        return Combine(signals, _options);
    }

    /// <summary>Every label's signals for the text, before they are weighted (the tuner combines them many ways).</summary>
    internal async Task<Signals> SignalsAsync(string text, IReadOnlyList<(string Name, string Description, IReadOnlyList<string> Examples)> labels, CancellationToken cancellationToken)
    {
        var (clean, removed) = InstructionFilter.Remove(text, [.. labels.Select(l => l.Name)]);
        if (string.IsNullOrWhiteSpace(clean))
        {
            clean = text;
        }

        if (_options.DescribeBlankFields)
        {
            clean = BlankFields.Describe(clean);
        }

        var document = await DocumentVectorAsync(clean, cancellationToken).ConfigureAwait(false);
        var sentences = labels.Select(l => DescriptionSentences(l.Name, l.Description, _options.SplitDescriptions)).ToList();
        var descriptionVectors = await cache.EmbedAsync([.. sentences.SelectMany(s => s)], query: _options.DescriptionAsQuery, cancellationToken).ConfigureAwait(false);
        if (_options.CenterDescriptions && labels.Count > 1)
        {
            descriptionVectors = Centered(descriptionVectors);
        }

        // Examples read the way documents do: their blanks in words too.
        var exampleTexts = labels.Select(l => l.Examples.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => _options.DescribeBlankFields ? BlankFields.Describe(e) : e).ToList()).ToList();
        var model = _options.HeadWeight + _options.WindowWeight > 0 ? await HeadAsync(sentences, exampleTexts, cancellationToken).ConfigureAwait(false) : null;
        var examples = new List<float[]>[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            examples[i] = [];
            foreach (var example in _options.ExampleWeight > 0 ? exampleTexts[i] : [])
            {
                examples[i].Add(await DocumentVectorAsync(example, cancellationToken).ConfigureAwait(false));
            }
        }

        var head = model?.Predict(document) ?? new double[labels.Count];
        var windowHead = new double[labels.Count];
        if (model is not null && _options.WindowWeight > 0)
        {
            // The mean over the lines, with WindowPrior pseudo-lines of no opinion: one line decides little.
            var windows = Windows(clean, _options.WindowWords).Take(_options.MaxWindows).ToList();
            var count = windows.Count + _options.WindowPrior;
            Array.Fill(windowHead, _options.WindowPrior / labels.Count / count);
            foreach (var vector in await cache.EmbedAsync(windows, query: false, cancellationToken).ConfigureAwait(false))
            {
                var p = model.Predict(vector);
                for (var i = 0; i < p.Length; i++)
                {
                    windowHead[i] += p[i] / count;
                }
            }
        }

        // The lexical probabilities get the same pseudo-lines of no opinion: a few matching words in a line or two are weak evidence.
        var lines = Windows(clean, _options.WindowWords).Count;
        var shrink = lines / (lines + _options.WindowPrior);
        var lexical = LexicalClassifier.Classify(clean, labels).Scores.ToDictionary(s => s.Label, s => (shrink * s.Score) + ((1 - shrink) / labels.Count), StringComparer.Ordinal);

        var result = new LabelSignals[labels.Count];
        var offset = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var description = descriptionVectors[offset..(offset + sentences[i].Count)].Average(v => (double)TensorPrimitives.Dot(document, v));
            offset += sentences[i].Count;
            var example = examples[i].Count > 0
                ? examples[i].Select(v => (double)TensorPrimitives.Dot(document, v)).OrderDescending().Take(2).Average()
                : description;
            result[i] = new LabelSignals(labels[i].Name, description, example, exampleTexts[i].Count, head[i], windowHead[i], lexical.GetValueOrDefault(labels[i].Name));
        }

        return new Signals(result, removed);
    }

    internal static ClassificationResult Combine(Signals signals, ClassificationOptions options)
    {
        var labels = signals.Labels;
        var combined = labels.Select(l => (options.DescriptionWeight * l.Description) + (options.ExampleWeight * l.Example)
            + (options.HeadWeight * l.Head) + (options.WindowWeight * l.Window) + (options.LexicalWeight * l.Lexical)).ToArray();
        var max = combined.Max();
        var exp = combined.Select(c => Math.Exp((c - max) / options.Temperature)).ToArray();
        var total = exp.Sum();
        // Four decimals, and never certainty: a model's 1.0 would read as a fact (a human's decision is the 1.0).
        var scores = labels.Select((l, i) => new LabelScore(l.Name, Math.Min(MaxConfidence, Math.Round(exp[i] / total, 4)))).ToList();
        var top = Array.IndexOf(combined, max);
        var t = labels[top];
        var rationale = string.Create(CultureInfo.InvariantCulture,
            $"'{t.Name}': similarity to its description {t.Description:0.000}, to its {t.Examples} example(s) {t.Example:0.000}, trained head on its lines {t.Window:0.00}, on the whole {t.Head:0.00}, lexical {t.Lexical:0.00}.")
            + (signals.InstructionsRemoved > 0 ? $" {signals.InstructionsRemoved} instruction-like sentence(s) in the document were ignored." : "");
        return new ClassificationResult(t.Name, scores[top].Score, rationale, scores);
    }

    /// <summary>The text's lines, consecutive short ones joined until a window has at least <paramref name="words"/> words.</summary>
    internal static List<string> Windows(string text, int words)
    {
        var windows = new List<string>();
        var current = new List<string>();
        var count = 0;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            current.Add(line);
            count += line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (count >= words)
            {
                windows.Add(string.Join('\n', current));
                current.Clear();
                count = 0;
            }
        }

        if (current.Count > 0)
        {
            windows.Add(string.Join('\n', current));
        }

        return windows.Count == 0 ? [text] : windows;
    }

    /// <summary>"name: sentence" for each sentence of the description (or the whole description as one).</summary>
    internal static List<string> DescriptionSentences(string name, string description, bool split)
    {
        var parts = split
            ? SentenceEnd().Split(description).Select(s => s.Trim()).Where(s => s.Length > 0).ToList()
            : [description.Trim()];
        return parts.Count == 0 ? [name] : [.. parts.Select(s => $"{name}: {s}")];
    }

    /// <summary>
    /// The head for these description sentences and example texts: a taxonomy comes back request after request with
    /// the same examples, so the trained model is kept by a hash of what it is trained on and the settings, and a known
    /// taxonomy costs no embedding of its examples, however many documents it ships with. Concurrent first requests
    /// wait for one training; a failed training is forgotten.
    /// </summary>
    private async Task<SoftmaxRegression> HeadAsync(List<List<string>> sentences, List<List<string>> examples, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(_options.HeadRegularization));
        hash.AppendData(BitConverter.GetBytes(_options.PrototypeWeight));
        hash.AppendData(BitConverter.GetBytes(_options.ExampleLinesWeight));
        hash.AppendData(BitConverter.GetBytes(_options.WindowWords));
        for (var i = 0; i < sentences.Count; i++)
        {
            hash.AppendData(BitConverter.GetBytes(i));
            foreach (var text in sentences[i].Select(t => "s" + t).Concat(examples[i].Select(t => "e" + t)))
            {
                hash.AppendData(BitConverter.GetBytes(text.Length));
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(text));
            }
        }

        var key = Convert.ToHexString(hash.GetHashAndReset());
        if (!_heads.ContainsKey(key) && _heads.Count >= MaxHeads)
        {
            _heads.Clear();
        }

        // Trained without the caller's token: other callers may be waiting for the same head.
        var training = _heads.GetOrAdd(key, _ => new Lazy<Task<SoftmaxRegression>>(() => TrainHeadAsync(sentences, examples, CancellationToken.None)));
        try
        {
            return await training.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (training.Value.IsFaulted)
        {
            _heads.TryRemove(new KeyValuePair<string, Lazy<Task<SoftmaxRegression>>>(key, training));
            throw;
        }
    }

    /// <summary>
    /// Trains the head: a softmax regression on the labels' description sentences (embedded as passages) and
    /// examples (each whole, and its lines at <see cref="ClassificationOptions.ExampleLinesWeight"/> in all, since the
    /// head is applied to lines), every label's points weighted to the same total.
    /// </summary>
    private async Task<SoftmaxRegression> TrainHeadAsync(List<List<string>> sentences, List<List<string>> examples, CancellationToken cancellationToken)
    {
        var points = new List<(float[] Vector, int Label, double Weight)>();
        for (var i = 0; i < sentences.Count; i++)
        {
            var prototypes = await cache.EmbedAsync(sentences[i], query: false, cancellationToken).ConfigureAwait(false);
            var own = prototypes.Select(v => (Vector: v, Weight: _options.PrototypeWeight)).ToList();
            foreach (var text in examples[i])
            {
                var (whole, lines) = await ExampleVectorsAsync(text, cancellationToken).ConfigureAwait(false);
                own.Add((whole, 1.0));
                own.AddRange(lines.Select(v => (Vector: v, Weight: _options.ExampleLinesWeight / lines.Length)));
            }

            var total = own.Sum(p => p.Weight);
            points.AddRange(own.Select(p => (p.Vector, i, p.Weight / total)));
        }

        return SoftmaxRegression.Train(points, sentences.Count, _options.HeadRegularization);
    }

    /// <summary>
    /// An example's vectors: the whole text and, when it has more than one, its lines. Kept apart from the embedding
    /// cache, which every new document's lines fill and clear: a tenant's next review changes its head, and the new
    /// head must not embed the taxonomy's example documents again.
    /// </summary>
    private async Task<(float[] Whole, float[][] Lines)> ExampleVectorsAsync(string text, CancellationToken cancellationToken)
    {
        if (_examples.TryGetValue(text, out var kept))
        {
            return kept;
        }

        var whole = await DocumentVectorAsync(text, cancellationToken).ConfigureAwait(false);
        var lines = Windows(text, _options.WindowWords);
        var vectors = (Whole: whole, Lines: _options.ExampleLinesWeight > 0 && lines.Count > 1 ? await cache.EmbedAsync(lines, query: false, cancellationToken).ConfigureAwait(false) : []);
        if (Interlocked.Add(ref _exampleVectors, 1 + vectors.Lines.Length) > MaxExampleVectors)
        {
            _examples.Clear();
            Interlocked.Exchange(ref _exampleVectors, 1 + vectors.Lines.Length);
        }

        _examples[text] = vectors;
        return vectors;
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

    /// <summary>The normalised mean of the vectors of the text's first pieces (the model reads 512 word pieces at most).</summary>
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

    internal sealed record LabelSignals(string Name, double Description, double Example, int Examples, double Head, double Window, double Lexical);

    internal sealed record Signals(IReadOnlyList<LabelSignals> Labels, int InstructionsRemoved);

    [GeneratedRegex(@"(?<=[.!?;])\s+")]
    private static partial Regex SentenceEnd();
}
