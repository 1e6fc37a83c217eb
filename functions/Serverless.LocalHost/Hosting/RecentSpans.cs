using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using Serverless.App.Telemetry;

namespace Serverless.LocalHost.Hosting;

/// <summary>
/// Keeps the last <see cref="Capacity"/> ended spans in memory (a span processor), so that the dashboard can show a
/// document's trace on a machine without a trace backend. Bounded: the oldest spans go first. Only a span's shape and
/// the tags in <see cref="KeptTags"/> are kept.
/// </summary>
internal sealed class RecentSpans(int capacity) : BaseProcessor<Activity>, ITraceStore
{
    /// <summary>The tags that name a workflow instance: the app's intake spans and the Durable Task SDK's spans.</summary>
    public static readonly string[] InstanceTags = ["serverless.instance_id", "durabletask.task.instance_id"];

    private static readonly HashSet<string> KeptTags = new(StringComparer.Ordinal)
    {
        "serverless.instance_id", "serverless.entry", "durabletask.task.instance_id", "durabletask.task.name", "durabletask.type",
        "durabletask.task.task_id", "durabletask.task.execution_id", "http.request.method", "http.route", "http.response.status_code",
        "server.address", "server.port", "error.type",
    };

    private readonly ConcurrentQueue<SpanView> _spans = new();

    public int Capacity { get; } = capacity;

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in data.EnumerateTagObjects())
        {
            if (KeptTags.Contains(key) && value is not null)
            {
                tags[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }
        }

        _spans.Enqueue(new SpanView(
            data.TraceId.ToHexString(),
            data.SpanId.ToHexString(),
            data.ParentSpanId == default ? null : data.ParentSpanId.ToHexString(),
            data.DisplayName,
            data.Source.Name,
            data.Kind.ToString(),
            new DateTimeOffset(data.StartTimeUtc, TimeSpan.Zero),
            data.Duration.TotalMilliseconds,
            data.Status.ToString(),
            data.StatusDescription,
            tags));
        while (_spans.Count > Capacity && _spans.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<TraceView> TracesOf(string instanceId)
    {
        var spans = _spans.ToArray();
        var traces = spans
            .Where(s => InstanceTags.Any(t => s.Tags.TryGetValue(t, out var v) && v == instanceId))
            .Select(s => s.TraceId)
            .ToHashSet(StringComparer.Ordinal);
        return
        [
            .. spans.Where(s => traces.Contains(s.TraceId))
                .GroupBy(s => s.TraceId)
                .Select(g =>
                {
                    var ordered = g.OrderBy(s => s.Start).ToList();
                    var start = ordered[0].Start;
                    var end = ordered.Max(s => s.Start.AddMilliseconds(s.DurationMs));
                    return new TraceView(g.Key, start, (end - start).TotalMilliseconds, ordered);
                })
                .OrderByDescending(t => t.Start),
        ];
    }
}
