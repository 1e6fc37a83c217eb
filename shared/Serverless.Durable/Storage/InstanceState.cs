using Azure;

namespace Serverless.Durable.Storage;

/// <summary>An instance partition as loaded: committed history (current execution), sentinel and inbox.</summary>
internal sealed class InstanceState
{
    public required string InstanceId { get; init; }

    public List<HistoryEvent> History { get; set; } = [];

    /// <summary>The sentinel's ETag: the optimistic-concurrency token of the whole partition; null when no sentinel exists.</summary>
    public ETag? SentinelETag { get; set; }

    public string? ExecutionId { get; set; }

    /// <summary>Committed history length (rows beyond it are leftovers and ignored).</summary>
    public int Count { get; set; }

    /// <summary>History position up to which outbound messages have been sent.</summary>
    public int Dispatched { get; set; }

    public List<InboxItem> Inbox { get; set; } = [];

    /// <summary>The history count the status row is known to reflect (in-process knowledge; -1 = unknown).</summary>
    public int StatusWrittenFor { get; set; } = -1;

    /// <summary>What the status row was last written with by this process (to skip writes that change nothing).</summary>
    public (OrchestrationRuntimeStatus Status, string? CustomStatus)? WrittenStatus { get; set; }

    /// <summary>The status row's ETag after this process's last write (null: read it first).</summary>
    public ETag? StatusETag { get; set; }
}

/// <summary>One inbox row.</summary>
internal sealed record InboxItem(string RowKey, HistoryEvent Event, long Seq, DateTime? NotBefore);
