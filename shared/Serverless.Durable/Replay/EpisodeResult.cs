namespace Serverless.Durable.Replay;

/// <summary>What one replay decided: the history to commit, the new decisions, the inbox bookkeeping and the status.</summary>
internal sealed record EpisodeResult
{
    /// <summary>The full history of the (possibly new) execution after this episode.</summary>
    public required IReadOnlyList<HistoryEvent> History { get; init; }

    /// <summary>Index in <see cref="History"/> of the first new event (0 for a new execution).</summary>
    public required int AppendFrom { get; init; }

    /// <summary>True when this episode started a new execution (history is rewritten from row 0).</summary>
    public bool NewExecution { get; init; }

    /// <summary>New decisions (TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated, EventSent, ExecutionCompleted, ContinueAsNew).</summary>
    public IReadOnlyList<HistoryEvent> Actions { get; init; } = [];

    /// <summary>Inbound events taken into history.</summary>
    public IReadOnlyList<HistoryEvent> Accepted { get; init; } = [];

    /// <summary>Inbound events that are duplicates, stale or addressed to a finished instance: delete them.</summary>
    public IReadOnlyList<HistoryEvent> Dropped { get; init; } = [];

    /// <summary>Inbound events that must wait (the instance is suspended): leave them in the inbox.</summary>
    public IReadOnlyList<HistoryEvent> Deferred { get; init; } = [];

    /// <summary>Events to deliver to this instance's own inbox after the commit (ContinueAsNew: the next execution's start and carried events).</summary>
    public IReadOnlyList<HistoryEvent> SelfMessages { get; init; } = [];

    public OrchestrationRuntimeStatus Status { get; init; }

    public string? Output { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public string? CustomStatus { get; init; }

    /// <summary>The ExecutionStarted event of the current execution (null when the instance does not exist).</summary>
    public HistoryEvent? Started { get; init; }

    public bool HasNewHistory => History.Count > AppendFrom;

    public IEnumerable<HistoryEvent> NewEvents => History.Skip(AppendFrom);
}
