using System.Globalization;
using System.Text.Json.Nodes;
using Serverless.Durable;

namespace Serverless.Functions.Api;

/// <summary>
/// The status body with the Durable Functions field names (<c>name, instanceId, runtimeStatus, input,
/// customStatus, output, createdTime, lastUpdatedTime</c>, and <c>historyEvents</c> on request).
/// </summary>
internal static class StatusPayload
{
    public static JsonObject Create(OrchestrationMetadata metadata, bool showInput)
    {
        var output = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed && metadata.FailureDetails is { } failure
            ? new JsonObject { ["errorType"] = failure.ErrorType, ["errorMessage"] = failure.ErrorMessage }
            : ParseJson(metadata.SerializedOutput);
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

    /// <summary>History as Durable Functions shows it: PascalCase keys, the replay bookkeeping events left out.</summary>
    public static JsonArray History(IEnumerable<HistoryEvent> events, bool showHistoryOutput, bool showInput)
    {
        var array = new JsonArray();
        foreach (var e in events)
        {
            var type = e.EventType.ToString();
            if (type is "OrchestratorStarted" or "OrchestratorCompleted")
            {
                continue;
            }

            var row = new JsonObject { ["EventType"] = type, ["Timestamp"] = e.Timestamp.ToString("o", CultureInfo.InvariantCulture) };
            if (e.Name is not null)
            {
                row["FunctionName"] = e.Name;
            }

            if (showInput && e.Input is not null)
            {
                row["Input"] = ParseJson(e.Input);
            }

            if (showHistoryOutput && e.Result is not null)
            {
                row["Result"] = ParseJson(e.Result);
            }

            array.Add(row);
        }

        return array;
    }

    public static bool IsTerminal(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;

    private static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonNode? ParseJson(string? json)
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
