using System.Text.Json.Serialization;

namespace Serverless.Durable;

/// <summary>
/// One event of an orchestration's history (and, for inbound events, of its inbox). One flat shape for every
/// <see cref="HistoryEventType"/>; members that do not apply to a type are null.
/// </summary>
public sealed record HistoryEvent
{
    /// <summary>The kind of event.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<HistoryEventType>))]
    public HistoryEventType EventType { get; init; }

    /// <summary>The decision id for scheduling events (TaskScheduled, TimerCreated, ...); -1 for others.</summary>
    public int EventId { get; init; } = -1;

    /// <summary>When the event was recorded (UTC).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>Activity, orchestrator or event name.</summary>
    public string? Name { get; init; }

    /// <summary>Orchestrator version (ExecutionStarted).</summary>
    public string? Version { get; init; }

    /// <summary>Input payload (JSON), the reason of terminate/suspend/resume, or the event payload.</summary>
    public string? Input { get; init; }

    /// <summary>Result payload (JSON).</summary>
    public string? Result { get; init; }

    /// <summary>For results and TimerFired: the id of the scheduling event (task, sub-orchestration or timer id).</summary>
    public int? TaskScheduledId { get; init; }

    /// <summary>Timer due time (TimerCreated, TimerFired).</summary>
    public DateTime? FireAt { get; init; }

    /// <summary>Failure details (TaskFailed, SubOrchestrationInstanceFailed, ExecutionCompleted when failed).</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Final status (ExecutionCompleted).</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<OrchestrationRuntimeStatus>))]
    public OrchestrationRuntimeStatus? OrchestrationStatus { get; init; }

    /// <summary>ExecutionStarted: this instance; SubOrchestrationInstanceCreated / EventSent: the target instance.</summary>
    public string? InstanceId { get; init; }

    /// <summary>ExecutionStarted: the new execution's id; inbound results: the execution they are addressed to.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>Tags (ExecutionStarted).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>ExecutionStarted of a sub-orchestration: the parent instance.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>ExecutionStarted of a sub-orchestration: the parent's execution.</summary>
    public string? ParentExecutionId { get; init; }

    /// <summary>ExecutionStarted of a sub-orchestration: the parent's decision id.</summary>
    public int? ParentTaskScheduledId { get; init; }

    /// <summary>ExecutionStarted: a delayed start time.</summary>
    public DateTime? ScheduledStartTime { get; init; }

    /// <summary>TaskScheduled: the retry attempt (1-based).</summary>
    public int? Attempt { get; init; }

    /// <summary>Inbound events: the id that makes redelivery harmless (an event with an id already in history is dropped).</summary>
    public string? MessageId { get; init; }
}
