using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Evaluation;
using Serverless.Pipeline;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Chunking;
using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Extraction;
using Serverless.Pipeline.Indexing;
using Serverless.Samples;
using Serverless.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

// Label accuracy, review share, search recall and per-document latency on a corpus generated in code
// (bench/Serverless.Evaluation/EvaluationCorpus.cs), through the real inference app (started here) and
// the pipeline's own extractor, chunker and embedder. Prints "before" (the lexical models) and "after".
// Usage: dotnet run -c Release --project bench/Serverless.Evaluation
const double Threshold = 0.6; // Pipeline:ReviewConfidenceThreshold's default (chosen on the calibration set: --calibrate)
const double EarlierThreshold = 0.4; // the default before, for comparison
if (args.Contains("--ensemble"))
{
    await Tuning.EnsembleAsync(args);
    return;
}

if (args.Contains("--tune") || args.Contains("--calibrate"))
{
    await Tuning.RunAsync(calibrateOnly: args.Contains("--calibrate"));
    return;
}

await using var app = await InferenceAppFixture.StartAsync(new Dictionary<string, string?> { ["Inference:Ocr:PaddleEnabled"] = "false" });
using var http = app.CreateClient(TimeSpan.FromMinutes(5));
var settings = LocalPipelineSettings.Create("UseDevelopmentStorage=true", app.BaseAddress).ToDictionary(s => "" + s.Key, s => (string?)s.Value);
var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
await using var services = new ServiceCollection().AddDocumentPipeline(configuration).BuildServiceProvider();
var extractor = services.GetRequiredService<IDocumentExtractor>();
var embedder = services.GetRequiredService<AiStepFactory>().Embedder(confidential: false);
var chunker = services.GetRequiredService<TextChunker>();
var taxonomy = Taxonomy.Load(null);

var (test, pool) = EvaluationCorpus.Create();
var documents = test.Concat(AdversarialDocuments.All).ToList();
Console.WriteLine($"corpus: {test.Count} documents over {test.Select(d => d.Label).Distinct().Count()} classes ({string.Join(", ", EvaluationCorpus.Formats.Select(f => $"{test.Count(d => d.Format == f)} {f}"))}), {AdversarialDocuments.All.Count} adversarial, {pool.Count} reviewed documents in the example pool; {Environment.ProcessorCount} cores");

// Extraction through the pipeline's extractor (scans: OCR by the inference app), timed per document.
var texts = new Dictionary<string, string>();
var latency = new Dictionary<string, double>();
foreach (var document in documents)
{
    var (bytes, name) = await FileAsync(document);
    var watch = Stopwatch.StartNew();
    var extraction = await extractor.ExtractAsync(bytes, name, CancellationToken.None);
    latency[document.Id] = watch.Elapsed.TotalMilliseconds;
    texts[document.Id] = string.Join("\n\n", extraction.Pages.Select(p => p.Text));
}

// Classification: before (lexical) and after (hybrid), with 0, 1 and 3 reviewed documents per class as examples.
Console.WriteLine();
Console.WriteLine($"{"classifier",-34} {"shots",5} {"accuracy",9} {"review",7} {"acc. kept",9} {"review@0.4",10} {"adversarial",11} {"p50 ms",7}");
foreach (var model in new[] { "serverless-lexical-classifier-v1", "serverless-hybrid-classifier-v1" })
{
    foreach (var shots in new[] { 0, 1, 3 })
    {
        var results = new List<(EvaluationDocument Document, string Label, double Confidence, double Ms)>();
        foreach (var document in documents)
        {
            var labels = taxonomy.Labels.Select(l => new
            {
                name = l.Name,
                description = l.Description,
                examples = Tuning.Examples(l, pool, shots),
            }).ToArray();
            var watch = Stopwatch.StartNew();
            using var response = await http.PostAsJsonAsync("v1/classify", new { text = texts[document.Id], labels, model });
            response.EnsureSuccessStatusCode();
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            results.Add((document, json["label"]!.GetValue<string>(), json["confidence"]!.GetValue<double>(), watch.Elapsed.TotalMilliseconds));
            if (model.Contains("hybrid", StringComparison.Ordinal) && shots == 0)
            {
                latency[document.Id] += watch.Elapsed.TotalMilliseconds;
            }
        }

        var plain = results.Where(r => !r.Document.Id.StartsWith("adversarial", StringComparison.Ordinal)).ToList();
        var accuracy = plain.Count(r => r.Label == r.Document.Label) / (double)plain.Count;
        var kept = plain.Where(r => r.Confidence >= Threshold).ToList();
        var review = 1 - (kept.Count / (double)plain.Count);
        var keptAccuracy = kept.Count == 0 ? double.NaN : kept.Count(r => r.Label == r.Document.Label) / (double)kept.Count;
        var adversarial = results.Where(r => r.Document.Id.StartsWith("adversarial", StringComparison.Ordinal)).ToList();
        var reviewEarlier = plain.Count(r => r.Confidence < EarlierThreshold) / (double)plain.Count;
        Console.WriteLine($"{model,-34} {shots,5} {accuracy,9:F2} {review,7:P0} {keptAccuracy,9:F2} {reviewEarlier,10:P0} {adversarial.Count(r => r.Label == r.Document.Label),5}/{adversarial.Count,-5} {Median(results.Select(r => r.Ms)),7:F0}");
        foreach (var miss in results.Where(r => r.Label != r.Document.Label))
        {
            Console.WriteLine($"    miss: {miss.Document.Id} ({miss.Document.Format}) -> {miss.Label} {miss.Confidence:F2}");
        }
    }
}

// Held out: hand-written documents that share no template with the corpus (HeldOutDocuments.cs), never used to
// choose a setting; with 0 examples, and with the 3 reviewed documents per class of the generated pool.
Console.WriteLine();
Console.WriteLine($"held-out check: {HeldOutDocuments.All.Count} hand-written documents, no shared templates");
foreach (var model in new[] { "serverless-lexical-classifier-v1", "serverless-hybrid-classifier-v1" })
{
    foreach (var shots in new[] { 0, 3 })
    {
        var results = new List<(string Label, string Answer, double Confidence)>();
        foreach (var (label, text) in HeldOutDocuments.All)
        {
            var labels = taxonomy.Labels.Select(l => new
            {
                name = l.Name,
                description = l.Description,
                examples = Tuning.Examples(l, pool, shots),
            }).ToArray();
            using var response = await http.PostAsJsonAsync("v1/classify", new { text, labels, model });
            response.EnsureSuccessStatusCode();
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            results.Add((label, json["label"]!.GetValue<string>(), json["confidence"]!.GetValue<double>()));
        }

        var kept = results.Where(r => r.Confidence >= Threshold).ToList();
        Console.WriteLine($"{model,-34} {shots,5} {results.Count(r => r.Label == r.Answer) / (double)results.Count,9:F2} {1 - (kept.Count / (double)results.Count),7:P0} {(kept.Count == 0 ? double.NaN : kept.Count(r => r.Label == r.Answer) / (double)kept.Count),9:F2}");
        foreach (var (miss, i) in results.Select((r, i) => (r, i)).Where(x => x.r.Label != x.r.Answer))
        {
            Console.WriteLine($"    miss: held-out #{i + 1} ({miss.Label}) -> {miss.Answer} {miss.Confidence:F2}");
        }
    }
}

// Search: every test document chunked by the pipeline's chunker; one paraphrased question per document.
var chunks = test.SelectMany(d => chunker.Chunk([new ExtractedPage(1, texts[d.Id], PageSource.TextLayer)]).Select(c => (Document: d, Chunk: c))).ToList();
var watchEmbed = Stopwatch.StartNew();
var passageVectors = new List<float[]>();
foreach (var batch in chunks.Chunk(16))
{
    passageVectors.AddRange((await embedder.EmbedBatchAsync([.. batch.Select(c => c.Chunk.Text)], CancellationToken.None)).Vectors);
}

var embedMsPerChunk = watchEmbed.Elapsed.TotalMilliseconds / chunks.Count;
foreach (var document in test)
{
    latency[document.Id] += embedMsPerChunk * chunks.Count(c => c.Document == document);
}

var queryVectors = new Dictionary<string, float[]>();
foreach (var document in test)
{
    queryVectors[document.Id] = (await embedder.EmbedQueryAsync(document.Question, CancellationToken.None)).Vectors[0];
}

var baseline = new LexicalBaseline();
var baselineVectors = chunks.Select(c => baseline.Embed(c.Chunk.Text)).ToList();
Console.WriteLine();
Console.WriteLine($"search over {chunks.Count} chunks, {test.Count} paraphrased questions (a hit counts when it is a chunk of the document that answers)");
Console.WriteLine($"{"ranking",-44} {"recall@1",8} {"recall@5",8}");
PrintRecall("before: serverless-lexical-v1, cosine", test.Select(d => RankBy(baselineVectors, baseline.Embed(d.Question))).ToList());
foreach (var (name, dense, lexical) in new[] { ("arctic-embed-xs cosine only", 1.0, 0.0), ("BM25 only (Lucene.Net)", 0.0, 1.0), ("hybrid RRF 1:1 (default)", 1.0, 1.0), ("hybrid RRF 2:1 dense", 2.0, 1.0), ("hybrid RRF 1:2 lexical", 1.0, 2.0) })
{
    using var index = new TenantSearchIndex();
    index.Replace(chunks.Select((c, i) => (c.Document.Id + "#" + c.Chunk.Index, (IReadOnlyList<IndexedChunk>)[new IndexedChunk(c.Chunk.Index, 1, 1, c.Chunk.Text, passageVectors[i])])));
    PrintRecall("after: " + name, test.Select(d => index.Search(d.Question, queryVectors[d.Id], 5, dense, lexical).Select(h => h.DocumentId.Split('#')[0]).ToList()).ToList());
}

Console.WriteLine();
Console.WriteLine("per-document latency (extraction incl. OCR + hybrid classification + embedding its chunks), ms:");
foreach (var format in EvaluationCorpus.Formats)
{
    var values = test.Where(d => d.Format == format).Select(d => latency[d.Id]).ToList();
    Console.WriteLine($"  {format,-5} p50 {Median(values),7:F0}   max {values.Max(),7:F0}");
}

void PrintRecall(string name, List<List<string>> rankings)
{
    var at1 = test.Select((d, i) => rankings[i].Take(1).Contains(d.Id)).Count(x => x) / (double)test.Count;
    var at5 = test.Select((d, i) => rankings[i].Take(5).Contains(d.Id)).Count(x => x) / (double)test.Count;
    Console.WriteLine($"{name,-44} {at1,8:F2} {at5,8:F2}");
}

List<string> RankBy(List<float[]> vectors, float[] query) =>
    [.. vectors.Select((v, i) => (Id: chunks[i].Document.Id, Score: v.Zip(query, (a, b) => a * b).Sum())).OrderByDescending(x => x.Score).Select(x => x.Id).Take(5)];

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
}

static async Task<(byte[] Bytes, string Name)> FileAsync(EvaluationDocument document)
{
    if (document.HiddenLines.Count > 0 || document.Id.StartsWith("adversarial", StringComparison.Ordinal))
    {
        return (AdversarialDocuments.Bytes(document), $"{document.Id}.{document.Format}");
    }

    return document.Format switch
    {
        "pdf" => (SampleDocuments.TextPdf([document.Lines]), document.Id + ".pdf"),
        "docx" => (SampleDocuments.Docx([document.Lines]), document.Id + ".docx"),
        "scan" => (await ScanAsync(document), document.Id + ".png"),
        _ => (System.Text.Encoding.UTF8.GetBytes(document.Text), document.Id + ".txt"),
    };
}

// A page as a cheap office scanner would deliver it: rendered at 200 dpi, rotated 1.5 degrees, blurred, with noise.
static async Task<byte[]> ScanAsync(EvaluationDocument document)
{
    var folder = Directory.CreateTempSubdirectory("evaluation-").FullName;
    try
    {
        var pdf = Path.Combine(folder, "page.pdf");
        await File.WriteAllBytesAsync(pdf, SampleDocuments.TextPdf([document.Lines]));
        using (var process = Process.Start(new ProcessStartInfo("pdftoppm") { ArgumentList = { "-r", "200", "-gray", "-png", "-singlefile", pdf, Path.Combine(folder, "page") } })!)
        {
            await process.WaitForExitAsync();
        }

        using var image = await Image.LoadAsync<L8>(Path.Combine(folder, "page.png"));
        image.Mutate(x => x.Rotate(1.5f).GaussianBlur(0.8f).BackgroundColor(Color.White));
        var random = new Random(document.Id.Length * 7919);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = new L8((byte)Math.Clamp(row[x].PackedValue + random.Next(-40, 41), 0, 255));
                }
            }
        });
        using var output = new MemoryStream();
        await image.SaveAsPngAsync(output);
        return output.ToArray();
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}
