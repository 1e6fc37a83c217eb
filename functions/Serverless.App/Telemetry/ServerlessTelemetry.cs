using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Serverless.App.Telemetry;

/// <summary>
/// The names of what the app traces and measures. One trace per document: the intake span (HTTP request, blob drop or
/// ERP event) is the parent of the Durable Task client's <c>create_orchestration</c>, whose context the engine carries to
/// the orchestration and each activity; the activities' HTTP calls carry it on to the inference app (W3C trace context).
/// </summary>
internal static class ServerlessTelemetry
{
    /// <summary>Our own spans (intake of drops and ERP events).</summary>
    public const string SourceName = "Serverless.App";

    /// <summary>The Durable Task SDK's spans (<c>create_orchestration:…</c>, <c>orchestration:…</c>, <c>activity:…</c>).</summary>
    public const string DurableTaskSdkSource = "Microsoft.DurableTask";

    /// <summary>The Durable Task Framework's spans (the engine).</summary>
    public const string DurableTaskCoreSource = "DurableTask.Core";

    public static readonly ActivitySource Source = new(SourceName);

    public static readonly Meter Meter = new(SourceName);

    /// <summary>Documents started, by entry (blob, http, erp).</summary>
    public static readonly Counter<long> DocumentsStarted = Meter.CreateCounter<long>("serverless.documents.started", description: "Workflows started, by entry");

    /// <summary>Starts the span of one intake (a blob drop or an ERP event); null when nobody listens.</summary>
    public static Activity? StartIntake(string entry) =>
        Source.StartActivity($"intake {entry}", ActivityKind.Consumer)?.SetTag("serverless.entry", entry);

    /// <summary>A workflow was started by an entry: counted, and its id put on the intake's span.</summary>
    public static void Started(string entry, Activity? span, string instanceId)
    {
        DocumentsStarted.Add(1, new KeyValuePair<string, object?>("entry", entry));
        span?.SetTag("serverless.instance_id", instanceId);
    }
}
