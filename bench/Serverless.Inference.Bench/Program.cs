using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Serverless.Inference.Bench;
using Serverless.Inference.Embedding;
using Serverless.Inference.Ocr;
using Serverless.Inference.Tests.Support;
using Serverless.Testing;

// OCR pages per second through the app (HTTP, one page per request, as many requests at once as
// cores) against the raw engines on the same pages in the same run; embeddings per second; the
// app's peak memory. Usage: dotnet run -c Release --project bench/Serverless.Inference.Bench [pages] [rounds]
// Other benches: `scanned [pages] [rounds]` (scanned PDFs), `lanes [rounds]` (text calls while scans run).
if (args is ["scanned", ..])
{
    await ScannedPdfBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3);
    return;
}

var pageCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 6;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
var parallel = Environment.ProcessorCount;
Console.WriteLine($"Generating {pageCount} A4 pages (30 lines of 12 pt text, 300 dpi) ...");
var lines = TestDocuments.Lines(pageCount, 30, seed: 4242);
var pngs = await TestDocuments.RenderAsync(TestDocuments.WritePdf(lines), pageCount);
var folder = Directory.CreateTempSubdirectory("inference-bench-").FullName;
var paths = new List<string>();
for (var i = 0; i < pngs.Count; i++)
{
    paths.Add(Path.Combine(folder, $"page-{i + 1}.png"));
    await File.WriteAllBytesAsync(paths[^1], pngs[i]);
}

await using var app = await InferenceAppFixture.StartAsync(new Dictionary<string, string?>
{
    ["Logging:LogLevel:Default"] = "Warning",
    ["Inference:Concurrency:Ocr:PermitLimit"] = $"{parallel}",
    ["Inference:Concurrency:Embeddings:PermitLimit"] = $"{parallel}",
});
using var http = app.CreateClient(TimeSpan.FromMinutes(10));

var paddle = new PaddleOnnxEngine(Options.Create(new OcrOptions()), new HostingEnvironment { ContentRootPath = RepositoryRoot.Path });
(await paddle.PrepareAsync(CancellationToken.None)).ShouldBeNull("paddle-onnx models");

var results = new List<Measurement>();
for (var round = 1; round <= rounds; round++)
{
    results.Add(await Measure.RunAsync("tesseract CLI (raw)", round, paths.Count, parallel, i => Raw.TesseractAsync(paths[i])));
    results.Add(await Measure.RunAsync("tesseract via app", round, paths.Count, parallel, i => Raw.PostOcrAsync(http, pngs[i], "tesseract")));
    results.Add(await Measure.RunAsync("paddle-onnx in-process (raw)", round, paths.Count, parallel, i => Task.Run(() => paddle.Recognize(new PageImage(i + 1, paths[i], 0, 0), CancellationToken.None).Text)));
    results.Add(await Measure.RunAsync("paddle-onnx via app", round, paths.Count, parallel, i => Raw.PostOcrAsync(http, pngs[i], "paddle-onnx")));
}

var texts = lines.SelectMany(p => p).Select((l, i) => string.Join(' ', Enumerable.Repeat(l, 4)) + $" {i}").ToList(); // ~32 words each
using var embedder = new ArcticEmbedder(Options.Create(new EmbeddingOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<ArcticEmbedder>.Instance);
embedder.Load();
const int Batch = 16;
var batches = Enumerable.Range(0, 200).Select(b => texts.Skip(b * Batch % texts.Count).Take(Batch).ToList()).Where(b => b.Count == Batch).ToList();
for (var round = 1; round <= rounds; round++)
{
    results.Add(await Measure.RunAsync("embeddings in-process (raw)", round, batches.Count, parallel, async i => (await embedder.EmbedAsync(batches[i], query: false, CancellationToken.None)).Length.ToString(CultureInfo.InvariantCulture), itemsPerCall: Batch));
    results.Add(await Measure.RunAsync("embeddings via app", round, batches.Count, parallel, i => Raw.PostEmbeddingsAsync(http, batches[i]), itemsPerCall: Batch));
}

var peakMib = ProcessMemory.Of(app.ProcessId).PeakMib;
paddle.Dispose();
Directory.Delete(folder, recursive: true);

Console.WriteLine();
Console.WriteLine($"cores: {Environment.ProcessorCount}, pages: {pageCount}, rounds: {rounds} (best round counts), load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine($"{"measurement",-32} {"items/s",10}");
var best = results.GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.Max(r => r.PerSecond));
foreach (var (name, perSecond) in best)
{
    Console.WriteLine($"{name,-32} {perSecond,10:0.00}");
}

Console.WriteLine();
Console.WriteLine("Ratios are taken within a round (the two runs were seconds apart); the machine is shared, so rounds differ.");
Ratio("tesseract   app / raw CLI      ", "tesseract via app", "tesseract CLI (raw)", "(goal >= 0.9)");
Ratio("paddle-onnx app / in-process   ", "paddle-onnx via app", "paddle-onnx in-process (raw)", "(goal >= 0.9)");
Ratio("paddle-onnx app / tesseract app", "paddle-onnx via app", "tesseract via app", "");
Ratio("embeddings  app / in-process   ", "embeddings via app", "embeddings in-process (raw)", "(HTTP, JSON, base64 and cl100k token counting vs the bare embedder)");
Console.WriteLine($"app peak memory (VmHWM)        : {peakMib:0} MiB");

void Ratio(string label, string numerator, string denominator, string note)
{
    var perRound = Enumerable.Range(1, rounds)
        .Select(r => results.Single(m => m.Name == numerator && m.Round == r).PerSecond / results.Single(m => m.Name == denominator && m.Round == r).PerSecond)
        .ToList();
    Console.WriteLine($"{label}: median {Median(perRound):0.00}, per round {string.Join(" ", perRound.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))} {note}");
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

namespace Serverless.Inference.Bench
{
    internal sealed record Measurement(string Name, int Round, double PerSecond);

    internal static class Measure
    {
        public static async Task<Measurement> RunAsync(string name, int round, int calls, int parallel, Func<int, Task<string>> call, int itemsPerCall = 1)
        {
            var next = -1;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < calls)
                {
                    var text = await call(i);
                    if (text.Length == 0)
                    {
                        throw new InvalidOperationException($"{name}: call {i} returned nothing.");
                    }
                }
            }));
            var perSecond = calls * itemsPerCall / watch.Elapsed.TotalSeconds;
            Console.WriteLine($"  round {round}: {name,-32} {perSecond,8:0.00}/s");
            return new Measurement(name, round, perSecond);
        }
    }

    internal static class Raw
    {
        public static async Task<string> TesseractAsync(string path)
        {
            var start = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true, ArgumentList = { path, "stdout", "-l", "eng", "tsv" } };
            start.Environment["OMP_THREAD_LIMIT"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await stderr;
            return await stdout;
        }

        public static async Task<string> PostOcrAsync(HttpClient http, byte[] png, string engine)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(png);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "file", "page.png");
            form.Add(new StringContent(engine), "engine");
            using var response = await http.PostAsync(new Uri("v1/ocr", UriKind.Relative), form);
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.GetProperty("pages")[0].GetProperty("text").GetString()!;
        }

        public static async Task<string> PostEmbeddingsAsync(HttpClient http, List<string> inputs)
        {
            var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["input"] = inputs, ["model"] = ArcticEmbedder.ModelName, ["encoding_format"] = "base64" });
            using var response = await http.PostAsync(new Uri("v1/embeddings", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        }

        public static void ShouldBeNull(this string? problem, string what)
        {
            if (problem is not null)
            {
                throw new InvalidOperationException($"{what}: {problem}");
            }
        }
    }
}
