using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Serverless.App.Workflows;

namespace Serverless.App.Api;

/// <summary>
/// The status body with the Durable Functions field names (<c>name, instanceId, runtimeStatus, input,
/// customStatus, output, createdTime, lastUpdatedTime</c>, and <c>historyEvents</c> on request).
/// </summary>
internal static class StatusPayload
{
    public static JsonObject Create(OrchestrationMetadata metadata, bool showInput)
    {
        var output = metadata.RuntimeStatus != OrchestrationRuntimeStatus.Failed ? ParseJson(metadata.SerializedOutput)
            : metadata.FailureDetails is { } failure ? new JsonObject { ["errorType"] = failure.ErrorType, ["errorMessage"] = failure.ErrorMessage }
            : new JsonObject { ["errorType"] = null, ["errorMessage"] = metadata.SerializedOutput };
        return new JsonObject
        {
            ["name"] = metadata.Name,
            ["instanceId"] = metadata.InstanceId,
            ["runtimeStatus"] = metadata.RuntimeStatus.ToString(),
            ["input"] = showInput ? ParseJson(metadata.SerializedInput) : null,
            ["customStatus"] = ParseJson(metadata.SerializedCustomStatus),
            ["output"] = output,
            ["createdTime"] = FormatTime(metadata.CreatedAt),
            ["lastUpdatedTime"] = FormatTime(metadata.LastUpdatedAt),
        };
    }

    /// <summary>
    /// History as Durable Functions shows it: PascalCase keys; the replay bookkeeping events left out;
    /// a scheduled task or sub-orchestration that has its result is folded into the result row, which
    /// gets <c>FunctionName</c> and <c>ScheduledTime</c>; results only with <paramref name="showHistoryOutput"/>.
    /// </summary>
    public static JsonArray History(IReadOnlyList<WorkflowHistoryEvent> events, bool showHistoryOutput, bool showInput)
    {
        var scheduled = events
            .Where(e => e.EventType is "TaskScheduled" or "SubOrchestrationInstanceCreated")
            .GroupBy(e => e.EventId)
            .ToDictionary(g => g.Key, g => g.First());
        var answered = events.Where(e => e.TaskScheduledId is not null && IsResult(e.EventType)).Select(e => e.TaskScheduledId!.Value).ToHashSet();
        var array = new JsonArray();
        foreach (var e in events)
        {
            if (e.EventType is "OrchestratorStarted" or "OrchestratorCompleted"
                || (scheduled.ContainsKey(e.EventId) && answered.Contains(e.EventId) && !IsResult(e.EventType)))
            {
                continue;
            }

            var row = new JsonObject { ["EventType"] = e.EventType, ["Timestamp"] = FormatTime(e.Timestamp) };
            var origin = e.TaskScheduledId is { } id && IsResult(e.EventType) && scheduled.TryGetValue(id, out var s) ? s : null;
            if ((origin?.Name ?? e.Name) is { } name)
            {
                row["FunctionName"] = name;
            }

            if (origin is not null)
            {
                row["ScheduledTime"] = FormatTime(origin.Timestamp);
            }

            if (e.OrchestrationStatus is { } status)
            {
                row["OrchestrationStatus"] = status;
            }

            if (showInput && (origin?.Input ?? e.Input) is { } input)
            {
                row["Input"] = ParseJson(input);
            }

            if (showHistoryOutput && e.Result is not null)
            {
                row["Result"] = ParseJson(e.Result);
            }

            if (e.ErrorMessage is not null || e.ErrorType is not null)
            {
                row["FailureDetails"] = new JsonObject { ["ErrorType"] = e.ErrorType, ["ErrorMessage"] = e.ErrorMessage };
            }

            array.Add(row);
        }

        return array;
    }

    private static bool IsResult(string type) =>
        type is "TaskCompleted" or "TaskFailed" or "SubOrchestrationInstanceCompleted" or "SubOrchestrationInstanceFailed";

    public static bool IsTerminal(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated;

    private static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string FormatTime(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A payload as JSON; text that is not JSON as a string value; null for none.</summary>
    public static JsonNode? ParseJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(json);
        }
    }
}
