namespace Serverless.Durable.Storage;

/// <summary>A queue message: ids only, never payloads (those live in table rows or blobs).</summary>
internal sealed record WorkMessage
{
    public const string Wake = "wake";
    public const string Timer = "timer";
    public const string Activity = "activity";

    public required string Kind { get; init; }

    public required string InstanceId { get; init; }

    public string? ExecutionId { get; init; }

    public int? TaskId { get; init; }

    /// <summary>Activity: the history row of its TaskScheduled event (input and name are read from there).</summary>
    public int? Position { get; init; }

    /// <summary>Timer: when it is due; wake-up: not before (delayed start).</summary>
    public DateTime? FireAt { get; init; }

    /// <summary>The last processing error, kept so a poisoned message can say why.</summary>
    public string? LastError { get; init; }
}
