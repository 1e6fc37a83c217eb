using System.Diagnostics.Metrics;

namespace Serverless.Inference.Serving;

/// <summary>The app's OpenTelemetry instruments (meter <c>Serverless.Inference</c>).</summary>
internal sealed class InferenceMetrics
{
    public const string MeterName = "Serverless.Inference";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _pages;
    private readonly Counter<long> _tokens;
    private readonly Histogram<double> _latency;

    public InferenceMetrics(IMeterFactory meters, ConcurrencyGates gates)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("inference.requests", description: "Requests answered, by endpoint and status code.");
        _pages = meter.CreateCounter<long>("inference.ocr.pages", description: "Pages OCR'd, by engine.");
        _tokens = meter.CreateCounter<long>("inference.tokens", description: "cl100k tokens read (prompt) and written (completion), by endpoint.");
        _latency = meter.CreateHistogram<double>("inference.request.duration", unit: "ms", description: "Request latency, by endpoint.");
        meter.CreateObservableGauge("inference.queue.depth", () => gates.QueueDepths(), description: "Requests waiting for a permit, by endpoint.");
        meter.CreateObservableGauge("inference.active", () => gates.ActiveCounts(), description: "Requests holding a permit, by endpoint.");
    }

    public void RecordRequest(string endpoint, int status, double milliseconds)
    {
        _requests.Add(1, new("endpoint", endpoint), new("status", status));
        _latency.Record(milliseconds, new KeyValuePair<string, object?>("endpoint", endpoint));
    }

    public void RecordPages(string engine, int pages) => _pages.Add(pages, new KeyValuePair<string, object?>("engine", engine));

    public void RecordTokens(string endpoint, int prompt, int completion)
    {
        _tokens.Add(prompt, new("endpoint", endpoint), new("kind", "prompt"));
        if (completion > 0)
        {
            _tokens.Add(completion, new("endpoint", endpoint), new("kind", "completion"));
        }
    }
}
