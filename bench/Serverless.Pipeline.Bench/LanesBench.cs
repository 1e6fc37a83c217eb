using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Extraction;
using Serverless.Testing;

namespace Serverless.Pipeline.Bench;

/// <summary>
/// Latency of a text call (summarise, through the pipeline's provider client) to the real inference app:
/// idle, while scans run in their own OCR lane, and while scans run with the text call put in the OCR lane
/// (one queue for both, as before the lanes). Same process, same clients, same app; only the lane differs.
/// </summary>
internal static class LanesBench
{
    private const string Provider = "inference";
    private const int Scanners = 8;
    private const int TextCalls = 15;

    private static readonly string Letter = string.Join(' ', Enumerable.Range(1, 12).Select(i => $"The harbour office confirms delivery {i} of copper fittings to the northern warehouse, invoiced within thirty days."));

    public static async Task RunAsync(int rounds)
    {
        await using var inference = await InferenceAppFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Inference:Ocr:PaddleEnabled"] = "false",
        });
        var settings = LocalPipelineSettings.InferenceProvider(inference.BaseAddress, maxConcurrency: 4, maxOcrConcurrency: 4);
        settings["Pipeline:Resilience:AttemptTimeout"] = "00:05:00";
        settings["Pipeline:Resilience:TotalTimeout"] = "00:10:00";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddDocumentPipeline(configuration).BuildServiceProvider();
        var http = services.GetRequiredService<AiClientFactory>().HttpClient(Provider);
        var ocr = services.GetRequiredService<IOcrClient>();
        var scan = await File.ReadAllBytesAsync(RepositoryRoot.Combine("samples", "invoice-scanned.pdf"));

        var results = new List<(int Round, string Phase, double P50, double P90, int Scans)>();
        for (var round = 1; round <= rounds; round++)
        {
            results.Add(await PhaseAsync(round, "idle (no scans)", http, ocr, scan, scanners: 0, AiLane.Text));
            results.Add(await PhaseAsync(round, "scans running, own lanes", http, ocr, scan, Scanners, AiLane.Text));
            results.Add(await PhaseAsync(round, "scans running, one queue", http, ocr, scan, Scanners, AiLane.Ocr));
        }

        Console.WriteLine();
        Console.WriteLine($"cores: {Environment.ProcessorCount}, rounds: {rounds}, {TextCalls} sequential summarise calls per phase, {Scanners} scan loops (1-page scanned PDF), MaxConcurrency 4, MaxOcrConcurrency 4 (so that \"one queue\" is the old single gate of 4); load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        foreach (var phase in results.GroupBy(r => r.Phase))
        {
            Console.WriteLine($"{phase.Key,-28} text p50 {Median(phase.Select(r => r.P50)),8:0} ms (per round {string.Join(" ", phase.Select(r => r.P50.ToString("0", CultureInfo.InvariantCulture)))}), p90 median {Median(phase.Select(r => r.P90)),8:0} ms");
        }

        var own = results.Where(r => r.Phase.EndsWith("own lanes", StringComparison.Ordinal)).Select(r => r.P50).ToList();
        var one = results.Where(r => r.Phase.EndsWith("one queue", StringComparison.Ordinal)).Select(r => r.P50).ToList();
        Console.WriteLine($"one queue / own lanes, text p50 per round: {string.Join(" ", one.Zip(own, (a, b) => (a / b).ToString("0.0", CultureInfo.InvariantCulture)))}");
    }

    private static async Task<(int, string, double, double, int)> PhaseAsync(int round, string phase, HttpClient http, IOcrClient ocr, byte[] scan, int scanners, AiLane lane)
    {
        using var stop = new CancellationTokenSource();
        var scans = 0;
        var scanning = Enumerable.Range(0, scanners).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await ocr.RecognizeAsync(scan, DocumentKind.Pdf, new OcrSettings("eng", "tesseract"), CancellationToken.None);
                Interlocked.Increment(ref scans);
            }
        })).ToList();

        // Let the scans fill their lane before the first text call.
        while (scanners > 0 && Volatile.Read(ref scans) == 0)
        {
            await Task.Delay(50);
        }

        var latencies = new List<double>();
        for (var i = 0; i < TextCalls; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/summarize") { Content = new StringContent($$"""{"text":"{{Letter}} Call {{i}}."}""", Encoding.UTF8, "application/json") };
            request.Options.Set(ProviderConcurrency.LaneOption, lane);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        await stop.CancelAsync();
        await Task.WhenAll(scanning);
        var p50 = Percentile(latencies, 0.5);
        var p90 = Percentile(latencies, 0.9);
        Console.WriteLine($"  round {round}: {phase,-28} text p50 {p50,7:0} ms, p90 {p90,7:0} ms, scans done {scans}");
        return (round, phase, p50, p90, scans);
    }

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(share * sorted.Count))];
    }

    private static double Median(IEnumerable<double> values) => Percentile([.. values], 0.5);
}
