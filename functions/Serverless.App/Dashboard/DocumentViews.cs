using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Serverless.App.Api;

namespace Serverless.App.Dashboard;

/// <summary>
/// Reads a document workflow's instance (input, custom status, output, failure) into what the dashboard shows.
/// The JSON is read loosely by field name: the pipeline's payloads use web (camelCase) names, and instances
/// started before a field existed simply lack it.
/// </summary>
internal static class DocumentViews
{
    public static DocumentRow Row(OrchestrationMetadata metadata, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var input = Parse(metadata.SerializedInput);
        var status = Parse(metadata.SerializedCustomStatus);
        var output = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? Parse(metadata.SerializedOutput) : null;
        // While a review is pending, the custom status carries the model's label for the reviewer.
        var classification = output?["classification"] ?? status;
        var tokens = output is not null
            ? Long(output["inputTokens"]) + Long(output["outputTokens"])
            : Long(status?["inputTokens"]) + Long(status?["outputTokens"]);
        var cost = output is not null ? Decimal(output["cost"]) : Decimal(status?["cost"]);
        var end = IsRunning(metadata.RuntimeStatus) ? now : metadata.LastUpdatedAt;
        var error = metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Failed => metadata.FailureDetails?.ErrorMessage ?? metadata.SerializedOutput,
            OrchestrationRuntimeStatus.Terminated => Text(Parse(metadata.SerializedOutput)) ?? "terminated",
            _ => null,
        };
        return new DocumentRow(
            metadata.InstanceId,
            Text(input?["fileName"]) ?? Text(input?["blobName"])?.Split('/')[^1],
            metadata.RuntimeStatus.ToString(),
            Text(status?["step"]),
            IsRunning(metadata.RuntimeStatus) ? Text(status?["waitingFor"]) : null,
            Text(classification?["label"]),
            classification?["confidence"] is JsonValue c && c.TryGetValue<double>(out var confidence) ? confidence : null,
            Text(output?["labelDecidedBy"]),
            Text(input?["entry"]),
            tokens,
            cost,
            Math.Max(0, (end - metadata.CreatedAt).TotalSeconds),
            metadata.CreatedAt,
            metadata.LastUpdatedAt,
            error);
    }

    public static bool IsRunning(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;

    public static JsonNode? Parse(string? json) => StatusPayload.ParseJson(json);

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static long Long(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var number) ? number
        : node is JsonValue d && d.TryGetValue<double>(out var real) ? (long)real : 0;

    public static decimal Decimal(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<decimal>(out var number) ? number : 0m;
}
