using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Inference.Classification;
using Serverless.Inference.Embedding;
using Serverless.Pipeline.Classification;

namespace Serverless.Evaluation;

/// <summary>
/// <c>--tune</c>: chooses the hybrid classifier's weights and temperature on a development corpus
/// generated with another seed (other companies, people, amounts and formats as plain text) than the one
/// the figures are reported on, with the model in-process. Prints the best settings; nothing is written.
/// </summary>
internal static class Tuning
{
    private static readonly bool[] Flags = [true, false];
    private static readonly double[] Weights = [0.0, 0.5, 1.0];
    private static readonly double[] LexicalWeights = [0.0, 0.05, 0.1, 0.2, 0.4, 0.8];
    private static readonly double[] Temperatures = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5];

    public static async Task RunAsync()
    {
        using var embedder = new ArcticEmbedder(Options.Create(new EmbeddingOptions()), NullLogger<ArcticEmbedder>.Instance);
        var cache = new EmbeddingCache(embedder);
        var taxonomy = Taxonomy.Load(null);
        var (dev, pool) = EvaluationCorpus.Create(seed: 7);
        var grid =
            from asQuery in Flags
            from center in Flags
            from description in Weights
            from example in Weights
            from lexical in LexicalWeights
            where description + example > 0
            select new ClassificationOptions { DescriptionAsQuery = asQuery, CenterDescriptions = center, DescriptionWeight = description, ExampleWeight = example, LexicalWeight = lexical, Temperature = 0.02 };
        var results = new List<(ClassificationOptions Options, double Zero, double Three)>();
        foreach (var options in grid)
        {
            var classifier = new HybridClassifier(cache, Options.Create(options));
            var zero = await AccuracyAsync(classifier, taxonomy, dev, pool, 0);
            var three = await AccuracyAsync(classifier, taxonomy, dev, pool, 3);
            results.Add((options, zero, three));
        }

        Console.WriteLine("best on the development corpus (seed 7): accuracy with 0 and 3 reviewed examples per class");
        foreach (var (options, zero, three) in results.OrderByDescending(r => r.Zero + r.Three).Take(8))
        {
            Console.WriteLine($"  query={options.DescriptionAsQuery,-5} center={options.CenterDescriptions,-5} description={options.DescriptionWeight:F1} example={options.ExampleWeight:F1} lexical={options.LexicalWeight:F2}: {zero:F2} / {three:F2}");
        }

        var best = results.OrderByDescending(r => r.Zero + r.Three).First().Options;
        Console.WriteLine("temperature (calibration: mean negative log-likelihood of the true label, 0 and 3 shots)");
        foreach (var temperature in Temperatures)
        {
            best.Temperature = temperature;
            var classifier = new HybridClassifier(cache, Options.Create(best));
            var nll = 0.0;
            var count = 0;
            foreach (var shots in new[] { 0, 3 })
            {
                foreach (var document in dev)
                {
                    var result = await classifier.ClassifyAsync(document.Text, Labels(taxonomy, pool, shots), CancellationToken.None);
                    nll -= Math.Log(Math.Max(1e-6, result.Scores.First(s => s.Label == document.Label).Score));
                    count++;
                }
            }

            Console.WriteLine($"  T={temperature:F3}: NLL {nll / count:F3}");
        }
    }

    public static List<(string Name, string Description, IReadOnlyList<string> Examples)> Labels(Taxonomy taxonomy, IReadOnlyList<EvaluationDocument> pool, int shots) =>
        [.. taxonomy.Labels.Select(l => (l.Name, l.Description, (IReadOnlyList<string>)[.. (l.Examples ?? []).Concat(pool.Where(p => p.Label == l.Name).Take(shots).Select(p => p.Text))]))];

    private static async Task<double> AccuracyAsync(HybridClassifier classifier, Taxonomy taxonomy, List<EvaluationDocument> documents, List<EvaluationDocument> pool, int shots)
    {
        var labels = Labels(taxonomy, pool, shots);
        var right = 0;
        foreach (var document in documents)
        {
            right += (await classifier.ClassifyAsync(document.Text, labels, CancellationToken.None)).Label == document.Label ? 1 : 0;
        }

        return right / (double)documents.Count;
    }
}
