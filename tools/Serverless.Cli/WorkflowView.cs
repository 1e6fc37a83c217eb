using System.Globalization;
using System.Text.Json.Nodes;

namespace Serverless.Cli;

/// <summary>The fields of a workflow's status that the CLI shows, read from the status API's JSON.</summary>
internal sealed record WorkflowView(
    string Id, string Status, string? FileName, string? Step, int StepsDone, int StepsTotal, string? WaitingFor,
    string? Label, double? Confidence, long Tokens, decimal Cost, TimeSpan Duration, string? Error)
{
    public bool IsTerminal => Status is "Completed" or "Failed" or "Terminated";

    public bool IsFailed => Status is "Failed" or "Terminated";

    public static WorkflowView From(JsonNode status)
    {
        var custom = status["customStatus"] as JsonObject;
        var output = status["output"] as JsonObject;
        var failed = (string?)status["runtimeStatus"] is "Failed";
        var created = Time(status["createdTime"]);
        var updated = Time(status["lastUpdatedTime"]);
        return new WorkflowView(
            (string?)status["instanceId"] ?? "",
            (string?)status["runtimeStatus"] ?? "Unknown",
            (string?)output?["fileName"] ?? (string?)status["input"]?["fileName"],
            (string?)custom?["step"],
            (int?)custom?["stepsDone"] ?? 0,
            (int?)custom?["stepsTotal"] ?? 0,
            (string?)custom?["waitingFor"],
            failed ? null : (string?)output?["classification"]?["label"],
            failed ? null : (double?)output?["classification"]?["confidence"],
            failed ? ((long?)custom?["inputTokens"] ?? 0) + ((long?)custom?["outputTokens"] ?? 0)
                : ((long?)output?["inputTokens"] ?? 0) + ((long?)output?["outputTokens"] ?? 0),
            failed ? (decimal?)custom?["cost"] ?? 0m : (decimal?)output?["cost"] ?? (decimal?)custom?["cost"] ?? 0m,
            created is { } c && updated is { } u ? u - c : TimeSpan.Zero,
            failed ? (string?)output?["errorMessage"] : null);
    }

    /// <summary>0..1 progress from the custom status (1 when terminal).</summary>
    public double Progress => IsTerminal ? 1 : StepsTotal > 0 ? Math.Clamp((double)StepsDone / StepsTotal, 0, 1) : 0;

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["status"] = Status,
        ["fileName"] = FileName,
        ["step"] = Step,
        ["waitingFor"] = WaitingFor,
        ["label"] = Label,
        ["confidence"] = Confidence,
        ["tokens"] = Tokens,
        ["cost"] = Cost,
        ["durationSeconds"] = Math.Round(Duration.TotalSeconds, 1),
        ["error"] = Error,
    };

    private static DateTimeOffset? Time(JsonNode? node) =>
        (string?)node is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
