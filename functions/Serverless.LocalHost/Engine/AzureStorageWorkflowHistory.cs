using System.Globalization;
using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.History;
using Serverless.App.Workflows;

namespace Serverless.LocalHost.Engine;

/// <summary>
/// History read from the task hub's history table: the gRPC sidecar streams history only to its own dispatcher,
/// so the local host asks the engine, whose answer is the events as JSON (enums as numbers, no type names).
/// </summary>
internal sealed class AzureStorageWorkflowHistory(LocalEngine engine) : IWorkflowHistory
{
    public async Task<IReadOnlyList<WorkflowHistoryEvent>> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        var json = await engine.Service.GetOrchestrationHistoryAsync(instanceId, executionId: null!).WaitAsync(cancellationToken);
        using var document = JsonDocument.Parse(string.IsNullOrEmpty(json) ? "[]" : json);
        return [.. document.RootElement.EnumerateArray().Select(Map)];
    }

    internal static WorkflowHistoryEvent Map(JsonElement e)
    {
        var failure = Object(e, "FailureDetails");
        return new WorkflowHistoryEvent(
            ((EventType)Int(e, "EventType")!.Value).ToString(),
            Int(e, "EventId") ?? -1,
            Text(e, "Timestamp") is { } t ? DateTime.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) : default,
            Text(e, "Name"),
            Text(e, "Input"),
            Text(e, "Result"),
            Int(e, "TaskScheduledId"),
            Int(e, "OrchestrationStatus") is { } status ? ((OrchestrationStatus)status).ToString() : null,
            failure is { } f ? Text(f, "ErrorType") : null,
            failure is { } g ? Text(g, "ErrorMessage") : Text(e, "Reason"));
    }

    private static JsonElement? Object(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
