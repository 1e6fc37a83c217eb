using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Serverless.Inference.Tests.Support;
using Serverless.Testing;

namespace Serverless.Inference.Bench;

/// <summary>
/// Scanned-PDF pages per second through the app (one multi-page image-only PDF per request; the app
/// extracts each page's own image with pdfimages) against the tesseract CLI on the same images (the PDF's
/// own images saved as PNG files),
/// and against the app with extraction off (every page rendered by pdftoppm at 300 dpi), in one run.
/// </summary>
internal static class ScannedPdfBench
{
    public static async Task RunAsync(int pageCount, int rounds)
    {
        var parallel = Environment.ProcessorCount;
        Console.WriteLine($"Generating {pageCount} scanned A4 pages (30 lines of 12 pt text, 300 dpi, in one image-only PDF) ...");
        var pngs = await TestDocuments.RenderAsync(TestDocuments.WritePdf(TestDocuments.Lines(pageCount, 30, seed: 4343)), pageCount);
        var pdf = TestDocuments.ScannedPdf(pngs);
        var folder = Directory.CreateTempSubdirectory("inference-bench-scanned-").FullName;
        var pdfPath = Path.Combine(folder, "scan.pdf");
        await File.WriteAllBytesAsync(pdfPath, pdf);

        // The raw side reads the very images the PDF holds (as PNG files, what a scanner would have saved).
        using (var extract = Process.Start(new ProcessStartInfo("pdfimages") { ArgumentList = { "-png", pdfPath, Path.Combine(folder, "page") } })!)
        {
            await extract.WaitForExitAsync();
        }

        var paths = Directory.GetFiles(folder, "page-*.png").Order(StringComparer.Ordinal).ToList();
        if (paths.Count != pageCount)
        {
            throw new InvalidOperationException($"pdfimages gave {paths.Count} images for {pageCount} pages.");
        }

        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Inference:Ocr:PaddleEnabled"] = "false",
            ["Inference:Ocr:MaxParallelPages"] = $"{parallel}",
        };
        await using var images = await InferenceAppFixture.StartAsync(settings);
        await using var rendering = await InferenceAppFixture.StartAsync(new Dictionary<string, string?>(settings) { ["Inference:Ocr:PdfImageExtraction"] = "false" });
        using var imagesHttp = images.CreateClient(TimeSpan.FromMinutes(10));
        using var renderingHttp = rendering.CreateClient(TimeSpan.FromMinutes(10));

        var ratios = new List<(double Images, double Rendering)>();
        for (var round = 1; round <= rounds; round++)
        {
            var raw = await Measure.RunAsync("tesseract CLI on the page images", round, paths.Count, parallel, i => Raw.TesseractAsync(paths[i]));
            var app = await Measure.RunAsync("scanned PDF via app (pdfimages)", round, 1, 1, _ => PostPdfAsync(imagesHttp, pdf), itemsPerCall: pageCount);
            var rendered = await Measure.RunAsync("scanned PDF via app (pdftoppm)", round, 1, 1, _ => PostPdfAsync(renderingHttp, pdf), itemsPerCall: pageCount);
            ratios.Add((app.PerSecond / raw.PerSecond, rendered.PerSecond / raw.PerSecond));
        }

        Directory.Delete(folder, recursive: true);
        Console.WriteLine();
        Console.WriteLine($"cores: {parallel}, pages: {pageCount}, rounds: {rounds}, load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine($"scanned PDF app (pdfimages) / raw tesseract: median {Median(ratios.Select(r => r.Images))}, per round {Join(ratios.Select(r => r.Images))} (goal >= 0.9)");
        Console.WriteLine($"scanned PDF app (pdftoppm)  / raw tesseract: median {Median(ratios.Select(r => r.Rendering))}, per round {Join(ratios.Select(r => r.Rendering))} (before)");
    }

    private static async Task<string> PostPdfAsync(HttpClient http, byte[] pdf)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "scan.pdf");
        using var response = await http.PostAsync(new Uri("v1/ocr", UriKind.Relative), form);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return string.Concat(json.RootElement.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("text").GetString()));
    }

    private static string Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return median.ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static string Join(IEnumerable<double> values) => string.Join(" ", values.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)));
}
