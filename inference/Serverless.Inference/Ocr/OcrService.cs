using Microsoft.Extensions.Options;
using Serverless.Inference.Serving;

namespace Serverless.Inference.Ocr;

/// <summary>Runs a document through an engine: pages rendered and recognised in parallel, bounded across all requests.</summary>
internal sealed partial class OcrService : IDisposable
{
    private readonly Dictionary<string, IOcrEngine> _engines;
    private readonly PageRasterizer _rasterizer;
    private readonly InferenceMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<OcrService> _logger;
    private readonly SemaphoreSlim _pageSlots;
    private readonly TimeSpan _pageTimeout;

    public OcrService(IEnumerable<IOcrEngine> engines, PageRasterizer rasterizer, IOptions<OcrOptions> options, InferenceMetrics metrics, TimeProvider time, ILogger<OcrService> logger)
    {
        _engines = engines.ToDictionary(e => e.Name, StringComparer.Ordinal);
        _rasterizer = rasterizer;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _pageSlots = new SemaphoreSlim(options.Value.EffectiveParallelPages);
        _pageTimeout = TimeSpan.FromSeconds(options.Value.PageTimeoutSeconds);
    }

    public IOcrEngine Engine(string name) =>
        _engines.TryGetValue(name, out var engine)
            ? engine
            : throw ProblemException.BadRequest("unsupported-engine", $"Engine '{name}' is not available; choose one of: {string.Join(", ", _engines.Keys.Order(StringComparer.Ordinal))}.");

    public async Task<OcrResponse> RecognizeAsync(byte[] content, IOcrEngine engine, string language, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        engine.ValidateLanguage(language);
        var folder = Directory.CreateTempSubdirectory("inference-ocr-").FullName;
        try
        {
            var plan = _rasterizer.Plan(content, folder);
            var pages = await Task.WhenAll(plan.Select(render => RecognizePageAsync(render, engine, language, cancellationToken)));
            var duration = _time.GetElapsedTime(started).TotalMilliseconds;
            _metrics.RecordPages(engine.Name, pages.Length);
            LogRecognized(_logger, engine.Name, pages.Length, content.Length, duration);
            return new OcrResponse(engine.Name, pages.Length, Math.Round(duration, 1), pages);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public void Dispose() => _pageSlots.Dispose();

    private async Task<OcrPage> RecognizePageAsync(Func<CancellationToken, Task<PageImage>> render, IOcrEngine engine, string language, CancellationToken cancellationToken)
    {
        await _pageSlots.WaitAsync(cancellationToken);
        using var timeout = new CancellationTokenSource(_pageTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var page = await render(linked.Token);
            return await engine.RecognizeAsync(page, language, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw ProblemException.Unprocessable("page-timeout", $"A page took longer than {_pageTimeout.TotalSeconds:0} s (Inference:Ocr:PageTimeoutSeconds).");
        }
        finally
        {
            _pageSlots.Release();
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "OCR with {Engine}: {Pages} pages, {Bytes} bytes in {DurationMs:0} ms")]
    private static partial void LogRecognized(ILogger logger, string engine, int pages, int bytes, double durationMs);
}
