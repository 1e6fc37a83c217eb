using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Serverless.Samples;
using Serverless.Testing;

// Documents per minute through the whole pipeline (HTTP upload -> extract with OCR -> summarise,
// classify -> embed -> index -> persist) against raw tesseract on the same pages, in one run.
// Usage: dotnet run -c Release --project bench/Serverless.Workflow.Bench [-- DOCUMENTS [PAGES_PER_DOCUMENT]]
var documents = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
var pagesPerDocument = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
var pages = documents * pagesPerDocument;
var work = Directory.CreateTempSubdirectory("workflow-bench-");
try
{
    Console.WriteLine($"generating {documents} scanned PDFs x {pagesPerDocument} pages = {pages} pages");
    var scans = new List<byte[]>();
    var rawPages = new List<string>();
    for (var d = 0; d < documents; d++)
    {
        var text = SampleDocuments.TextPdf([.. Enumerable.Range(1, pagesPerDocument).Select(p =>
            (IReadOnlyList<string>)[$"Document {d + 1}, page {p}", .. SampleDocuments.InvoiceLines])]);
        var textPath = Path.Combine(work.FullName, $"text-{d}.pdf");
        await File.WriteAllBytesAsync(textPath, text);
        await RunAsync("pdftoppm", "-r", "150", "-gray", "-png", textPath, Path.Combine(work.FullName, $"scan-{d}"));
        var pngs = Directory.GetFiles(work.FullName, $"scan-{d}-*.png").Order(StringComparer.Ordinal).ToList();
        var scan = SampleDocuments.ImagePdf([.. pngs.Select(File.ReadAllBytes)]);
        scans.Add(scan);

        // The pages as the inference app OCRs them: a scanned page is read from its own image (the PNG the PDF wraps).
        rawPages.AddRange(pngs);
    }

    await using var azurite = new AzuriteFixture();
    await azurite.InitializeAsync();
    await using var inference = await InferenceAppFixture.StartAsync(new Dictionary<string, string?> { ["Inference:Ocr:PaddleEnabled"] = "false" });
    var settings = LocalPipelineSettings.Create(azurite.ConnectionString, inference.BaseAddress);
    settings["Pipeline:Providers:inference:MaxConcurrency"] = $"{Environment.ProcessorCount * 2}";
    settings["Pipeline:Providers:inference:MaxOcrConcurrency"] = $"{Environment.ProcessorCount * 2}";

    // The bench polls every workflow's status five times a second; the per-key limit (120 a minute by
    // default) would answer 429 until its window resets and add up to a minute to the measured time.
    settings["App:RateLimitPermits"] = "100000";
    var key = await FunctionAppProcess.CreateApiKeyAsync(settings, "bench", CancellationToken.None);
    await using var app = await FunctionAppProcess.StartAsync(settings, CancellationToken.None);

    var raw = await RawTesseractAsync(rawPages);
    var direct = await InferenceDirectAsync(inference, scans, Environment.ProcessorCount * 2);
    var (pipeline, stepSeconds) = await PipelineAsync(app, key, scans);
    var rawAgain = await RawTesseractAsync(rawPages);
    var rawMean = (raw + rawAgain) / 2;

    // Throughput ratio = raw time / pipeline time for the same pages; raw runs before and after the pipeline, their mean counts.
    var ratio = rawMean.TotalSeconds / pipeline.TotalSeconds;
    Console.WriteLine();
    Console.WriteLine($"| measure | value |");
    Console.WriteLine($"| --- | --- |");
    Console.WriteLine($"| pages | {pages} ({documents} documents) |");
    Console.WriteLine($"| raw OCR: tesseract on each page's own image, {Environment.ProcessorCount} at once (mean of a run before and after) | {rawMean.TotalSeconds:0.0} s = {pages / rawMean.TotalMinutes:0.0} pages/min (runs: {raw.TotalSeconds:0.0} s, {rawAgain.TotalSeconds:0.0} s) |");
    Console.WriteLine($"| the same scans posted straight to the inference app's /v1/ocr, {Environment.ProcessorCount * 2} at once (no workflow) | {direct.TotalSeconds:0.0} s = {pages / direct.TotalMinutes:0.0} pages/min, {rawMean.TotalSeconds / direct.TotalSeconds:0.00} of raw |");
    Console.WriteLine($"| pipeline end to end | {pipeline.TotalSeconds:0.0} s = {documents / pipeline.TotalMinutes:0.0} documents/min, {pages / pipeline.TotalMinutes:0.0} pages/min |");
    Console.WriteLine($"| pipeline / raw OCR throughput | {ratio:0.00} (goal 0.85) |");
    Console.WriteLine($"| peak memory (VmHWM): function app | {PeakMiB(app.ProcessId)} MiB |");
    Console.WriteLine($"| peak memory (VmHWM): inference app | {PeakMiB(inference.ProcessId)} MiB |");
    Console.WriteLine($"| time in each step, summed over the workflows (they overlap) | {string.Join(", ", stepSeconds.Select(p => $"{p.Key} {p.Value:0.0} s"))} |");
    Console.WriteLine($"| load average (1 min) at the end | {File.ReadAllText("/proc/loadavg").Split(' ')[0]} |");
    return 0;
}
finally
{
    work.Delete(recursive: true);
}

static async Task<TimeSpan> RawTesseractAsync(IReadOnlyList<string> pages)
{
    var watch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(pages, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (page, ct) =>
    {
        await RunAsync("tesseract", page, "stdout", "-l", "eng");
    });
    return watch.Elapsed;
}

static async Task<TimeSpan> InferenceDirectAsync(InferenceAppFixture inference, IReadOnlyList<byte[]> scans, int concurrency)
{
    using var http = inference.CreateClient(TimeSpan.FromMinutes(5));
    var watch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, scans.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
    {
        using var form = PdfForm(scans[i], $"direct-{i}.pdf");
        using var response = await http.PostAsync(new Uri("v1/ocr", UriKind.Relative), form, ct);
        response.EnsureSuccessStatusCode();
    });
    return watch.Elapsed;
}

static async Task<(TimeSpan Elapsed, SortedDictionary<string, double> StepSeconds)> PipelineAsync(FunctionAppProcess app, string key, IReadOnlyList<byte[]> scans)
{
    using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    http.DefaultRequestHeaders.Add("x-api-key", key);
    var watch = Stopwatch.StartNew();
    var ids = new List<string>();
    for (var i = 0; i < scans.Count; i++)
    {
        using var form = PdfForm(scans[i], $"scan-{i}.pdf");
        form.Add(new StringContent($"scan-{i}"), "instanceId");
        using var response = await http.PostAsync(new Uri("api/v1/workflows", UriKind.Relative), form);
        response.EnsureSuccessStatusCode();
        ids.Add($"bench~scan-{i}");
    }

    // One list call per half second for all of them (what a polite client does; per-workflow polling at
    // a high rate would load Azurite, which shares the two cores with OCR, and measure the poller).
    var pending = new HashSet<string>(ids);
    var outputs = new List<JsonNode?>();
    var deadline = Stopwatch.StartNew();
    while (pending.Count > 0)
    {
        using var response = await http.GetAsync(new Uri("api/v1/workflows?runtimeStatus=Completed,Failed,Terminated&instanceIdPrefix=scan-&showInput=false&top=1000", UriKind.Relative));
        if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        {
            throw new InvalidOperationException("The status API answered 429: raise App:RateLimitPermits for the bench, or the time measured is the limiter's window.");
        }

        response.EnsureSuccessStatusCode();
        foreach (var status in JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray())
        {
            var id = (string?)status?["instanceId"] ?? "";
            if (!pending.Remove(id))
            {
                continue;
            }

            if ((string?)status!["runtimeStatus"] != "Completed")
            {
                throw new InvalidOperationException($"{id} ended {status["runtimeStatus"]}: {status["output"]?.ToJsonString()}");
            }

            outputs.Add(status["output"]);
            if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1")
            {
                Console.WriteLine($"{watch.Elapsed.TotalSeconds,6:0.0} s {id}: created {status["createdTime"]}, updated {status["lastUpdatedTime"]}, steps {status["output"]?["steps"]?.ToJsonString()}");
            }
        }

        if (deadline.Elapsed > TimeSpan.FromMinutes(20))
        {
            throw new TimeoutException($"{pending.Count} workflows did not finish.\n{app.RecentOutput}");
        }

        await Task.Delay(500);
    }

    var elapsed = watch.Elapsed;
    var stepSeconds = new SortedDictionary<string, double>(StringComparer.Ordinal);
    foreach (var step in outputs.SelectMany(o => o?["steps"]?.AsArray() ?? []))
    {
        var name = (string?)step?["step"] ?? "?";
        stepSeconds[name] = stepSeconds.GetValueOrDefault(name) + ((double?)step?["durationMs"] ?? 0) / 1000;
    }

    return (elapsed, stepSeconds);
}

// A multipart upload with the PDF in the part 'file', as both the inference app and the workflow API take it.
static MultipartFormDataContent PdfForm(byte[] pdf, string fileName)
{
    var form = new MultipartFormDataContent();
    var file = new ByteArrayContent(pdf);
    file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
    form.Add(file, "file", fileName);
    return form;
}

static long PeakMiB(int pid) =>
    File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024).First();

static async Task RunAsync(string file, params string[] arguments)
{
    var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    info.Environment["OMP_THREAD_LIMIT"] = "1";
    foreach (var argument in arguments)
    {
        info.ArgumentList.Add(argument);
    }

    using var process = Process.Start(info)!;
    var output = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    await Task.WhenAll(output, error);
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {await error}");
    }
}
