using System.Text.Json.Nodes;
using Serverless.App.Workflows;

namespace Serverless.App.Dashboard;

/// <summary>
/// A document's steps from its workflow's history: each scheduled activity with its result (or failure) is one
/// attempt; a retried step shows every attempt. Billed steps carry their step record (provider, model, tokens,
/// cost, cached or billed) in their result.
/// </summary>
internal static class DocumentTimeline
{
    private const string ActivitySuffix = "Activity";

    public static IReadOnlyList<TimelineStep> Steps(IReadOnlyList<WorkflowHistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var results = events
            .Where(e => e.TaskScheduledId is not null && e.EventType is "TaskCompleted" or "TaskFailed")
            .GroupBy(e => e.TaskScheduledId!.Value)
            .ToDictionary(g => g.Key, g => g.First());
        var attempts = new Dictionary<(string?, string?), int>();
        var steps = new List<TimelineStep>();
        foreach (var scheduled in events.Where(e => e.EventType == "TaskScheduled"))
        {
            var identity = (scheduled.Name, scheduled.Input);
            var attempt = attempts[identity] = attempts.GetValueOrDefault(identity) + 1;
            var activity = scheduled.Name ?? "?";
            results.TryGetValue(scheduled.EventId, out var result);
            var record = result?.EventType == "TaskCompleted" ? StepRecord(DocumentViews.Parse(result.Result)) : null;
            var started = Utc(scheduled.Timestamp);
            DateTimeOffset? ended = result is null ? null : Utc(result.Timestamp);
            steps.Add(new TimelineStep(
                DocumentViews.Text(record?["step"]) ?? StepName(activity),
                activity,
                attempt,
                result is null ? "running" : result.EventType == "TaskCompleted" ? "completed" : "failed",
                started,
                ended,
                ended is { } end ? (end - started).TotalMilliseconds : null,
                DocumentViews.Text(record?["provider"]),
                DocumentViews.Text(record?["model"]),
                DocumentViews.Long(record?["inputTokens"]),
                DocumentViews.Long(record?["outputTokens"]),
                DocumentViews.Decimal(record?["cost"]),
                record?["cached"] is JsonValue c && c.TryGetValue<bool>(out var cached) ? cached : null,
                result?.EventType == "TaskFailed" ? result.ErrorMessage ?? result.ErrorType : null));
        }

        return steps;
    }

    /// <summary>The workflow's own events: started, events raised (a release, a review decision), timers, the end.</summary>
    public static IReadOnlyList<TimelineEvent> Events(IReadOnlyList<WorkflowHistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return
        [
            .. events
                .Where(e => e.EventType is "ExecutionStarted" or "EventRaised" or "TimerCreated" or "TimerFired" or "ExecutionCompleted" or "ExecutionTerminated" or "ExecutionSuspended" or "ExecutionResumed")
                .Select(e => new TimelineEvent(e.EventType, e.Name, Utc(e.Timestamp), e.OrchestrationStatus ?? e.ErrorMessage)),
        ];
    }

    /// <summary>The result of the last completed run of <paramref name="activity"/> (e.g. the summary while the workflow still waits for its review).</summary>
    public static JsonNode? LastResult(IReadOnlyList<WorkflowHistoryEvent> events, string activity)
    {
        ArgumentNullException.ThrowIfNull(events);
        var scheduled = events.Where(e => e.EventType == "TaskScheduled" && e.Name == activity).Select(e => e.EventId).ToHashSet();
        var completed = events.LastOrDefault(e => e.EventType == "TaskCompleted" && e.TaskScheduledId is { } id && scheduled.Contains(id));
        return completed is null ? null : DocumentViews.Parse(completed.Result);
    }

    /// <summary>The step names of the steps that completed (their outputs are in the step cache).</summary>
    public static IReadOnlySet<string> CompletedSteps(IReadOnlyList<TimelineStep> steps) =>
        steps.Where(s => s.Outcome == "completed").Select(s => s.Step).ToHashSet(StringComparer.Ordinal);

    private static JsonNode? StepRecord(JsonNode? result) => result is JsonObject o ? o["step"] as JsonObject : null;

    private static string StepName(string activity)
    {
        var name = activity.EndsWith(ActivitySuffix, StringComparison.Ordinal) ? activity[..^ActivitySuffix.Length] : activity;
        return name.Length == 0 ? activity : string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..]);
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
