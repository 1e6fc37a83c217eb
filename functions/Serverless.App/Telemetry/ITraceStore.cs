namespace Serverless.App.Telemetry;

/// <summary>
/// Recent spans of this process, for showing a document's trace where no trace backend runs (the local host keeps
/// them in memory; in Azure, Application Insights holds the traces and no store is registered).
/// </summary>
internal interface ITraceStore
{
    /// <summary>The traces with a span that names <paramref name="instanceId"/> (its intake, its orchestration), newest first.</summary>
    IReadOnlyList<TraceView> TracesOf(string instanceId);
}

/// <summary>One trace: its spans in start order.</summary>
internal sealed record TraceView(string TraceId, DateTimeOffset Start, double DurationMs, IReadOnlyList<SpanView> Spans);

/// <summary>
/// The shape of one span: names, times, status and a fixed set of tags (ids, HTTP method, route and status code).
/// Never a payload: what a span may carry of a document is left out by construction.
/// </summary>
internal sealed record SpanView(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Source,
    string Kind,
    DateTimeOffset Start,
    double DurationMs,
    string Status,
    string? StatusDescription,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>A document's traces as the API returns them.</summary>
internal sealed record DocumentTrace(string InstanceId, IReadOnlyList<TraceView> Traces);
