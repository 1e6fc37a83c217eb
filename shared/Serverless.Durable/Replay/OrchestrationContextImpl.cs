using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Serverless.Durable.Replay;

/// <summary>
/// The replaying context: every scheduling call takes the next decision id and records a pending action;
/// replayed scheduling events must match those actions (id, kind, name), results complete the open tasks.
/// </summary>
internal sealed class OrchestrationContextImpl : TaskOrchestrationContext
{
    private readonly SortedDictionary<int, HistoryEvent> _pending = [];
    private readonly Dictionary<int, Action<HistoryEvent>> _open = [];
    private readonly Dictionary<string, Queue<string?>> _buffered = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _bufferedOrder = [];
    private readonly ILoggerFactory _loggers;
    private readonly HistoryEvent _started;
    private int _sequence;
    private int _guidCounter;
    private string? _customStatus;

    public OrchestrationContextImpl(HistoryEvent started, ILoggerFactory? loggers)
    {
        _started = started;
        _loggers = loggers ?? NullLoggerFactory.Instance;
    }

    public override string InstanceId => _started.InstanceId!;

    public override string Name => _started.Name!;

    public override string Version => _started.Version ?? "";

    public override string? ParentInstanceId => _started.ParentInstanceId;

    public override bool IsReplaying => Replaying;

    public override DateTime CurrentUtcDateTime => Now;

    internal bool Replaying { get; set; }

    internal DateTime Now { get; set; }

    internal (object? Input, bool PreserveEvents)? ContinueAsNewRequest { get; private set; }

    internal int NextSequence => _sequence;

    internal string? SerializedCustomStatus => _customStatus;

    public override Guid NewGuid() =>
        DeterministicGuid.Create(DeterministicGuid.OrchestrationNamespace, $"{InstanceId}_{Now:o}_{_guidCounter++}");

    public override T? GetInput<T>()
        where T : default => DurableJson.Deserialize<T>(_started.Input);

    public override Task<T> CallActivityAsync<T>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (input is TaskOptions)
        {
            throw new ArgumentException("A TaskOptions object was passed as the activity input; pass it as 'options'.", nameof(input));
        }

        var serialized = DurableJson.Serialize(input);
        return options?.Retry is { } retry
            ? WithRetry(attempt => ScheduleActivity<T>(name, serialized, attempt), retry)
            : ScheduleActivity<T>(name, serialized, 1);
    }

    public override Task<T> CallSubOrchestratorAsync<T>(string name, object? input = null, SubOrchestrationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = DurableJson.Serialize(input);
        var instanceId = options?.InstanceId ?? NewGuid().ToString("N");
        return options?.Retry is { } retry
            ? WithRetry(_ => ScheduleSubOrchestration<T>(name, instanceId, serialized), retry)
            : ScheduleSubOrchestration<T>(name, instanceId, serialized);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        fireAt = DateTime.SpecifyKind(fireAt.ToUniversalTime(), DateTimeKind.Utc);
        var id = _sequence++;
        _pending[id] = new HistoryEvent { EventType = HistoryEventType.TimerCreated, EventId = id, FireAt = fireAt };
        var tcs = new TaskCompletionSource();
        _open[id] = _ => tcs.TrySetResult();
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (_open.Remove(id))
                {
                    tcs.TrySetCanceled(cancellationToken);
                }
            });
        }

        return tcs.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (_buffered.TryGetValue(eventName, out var queue) && queue.Count > 0)
        {
            var payload = queue.Dequeue();
            var index = _bufferedOrder.FindIndex(n => string.Equals(n, eventName, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                _bufferedOrder.RemoveAt(index);
            }

            return Task.FromResult(DurableJson.Deserialize<T>(payload)!);
        }

        var tcs = new TaskCompletionSource<string?>();
        if (!_waiters.TryGetValue(eventName, out var list))
        {
            _waiters[eventName] = list = new LinkedList<EventWaiter>();
        }

        var node = list.AddLast(new EventWaiter(tcs));
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                    tcs.TrySetCanceled(cancellationToken);
                }
            });
        }

        return Deserialize<T>(tcs.Task);
    }

    public override async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource();
        var timer = CreateTimer(timeout, cts.Token);
        var received = WaitForExternalEvent<T>(eventName, cts.Token);
        var winner = await Task.WhenAny(timer, received);
#pragma warning disable CA1849 // Cancellation must run its callbacks inline, on the replaying thread.
        cts.Cancel();
#pragma warning restore CA1849
        if (winner == received)
        {
            return await received;
        }

        throw new TaskCanceledException($"Timed out after {timeout} waiting for external event '{eventName}'.");
    }

    public override void SendEvent(string instanceId, string eventName, object? payload = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var id = _sequence++;
        _pending[id] = new HistoryEvent
        {
            EventType = HistoryEventType.EventSent, EventId = id, InstanceId = instanceId, Name = eventName, Input = DurableJson.Serialize(payload),
        };
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        ContinueAsNewRequest = (newInput, preserveUnprocessedEvents);

    public override void SetCustomStatus(object? status) => _customStatus = DurableJson.Serialize(status);

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(_loggers.CreateLogger(categoryName), () => Replaying);

    /// <summary>Matches a replayed scheduling event against the code's pending decision with the same id.</summary>
    internal void MatchScheduled(HistoryEvent recorded)
    {
        if (!_pending.Remove(recorded.EventId, out var decided))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}': history step #{recorded.EventId} is {Describe(recorded)}, but the code made no decision #{recorded.EventId} when replayed.");
        }

        if (decided.EventType != recorded.EventType ||
            !string.Equals(decided.Name, recorded.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}': history step #{recorded.EventId} is {Describe(recorded)}, but the code now decides {Describe(decided)} at that step.");
        }
    }

    /// <summary>Completes the open task a result event points to; false when there is none (a duplicate).</summary>
    internal bool Complete(HistoryEvent result)
    {
        if (result.TaskScheduledId is not { } id || !_open.Remove(id, out var complete))
        {
            return false;
        }

        complete(result);
        return true;
    }

    internal void RaiseEvent(HistoryEvent raised)
    {
        var name = raised.Name ?? "";
        if (_waiters.TryGetValue(name, out var list) && list.First is { } first)
        {
            list.RemoveFirst();
            first.Value.Source.TrySetResult(raised.Input);
            return;
        }

        if (!_buffered.TryGetValue(name, out var queue))
        {
            _buffered[name] = queue = new Queue<string?>();
        }

        queue.Enqueue(raised.Input);
        _bufferedOrder.Add(name);
    }

    /// <summary>Buffered (never awaited) events, in arrival order, for ContinueAsNew to carry over.</summary>
    internal IEnumerable<(string Name, string? Input)> UnprocessedEvents()
    {
        var copies = _buffered.ToDictionary(p => p.Key, p => new Queue<string?>(p.Value), StringComparer.OrdinalIgnoreCase);
        foreach (var name in _bufferedOrder)
        {
            if (copies.TryGetValue(name, out var q) && q.Count > 0)
            {
                yield return (name, q.Dequeue());
            }
        }
    }

    /// <summary>Decisions made by the code that history does not hold yet.</summary>
    internal IReadOnlyList<HistoryEvent> NewDecisions() => [.. _pending.Values];

    internal int TakeSequence() => _sequence++;

    private static string Describe(HistoryEvent e) => e.Name is null ? e.EventType.ToString() : $"{e.EventType} '{e.Name}'";

    private static async Task<T> Deserialize<T>(Task<string?> raw) => DurableJson.Deserialize<T>(await raw)!;

    private Task<T> ScheduleActivity<T>(string name, string? input, int attempt) =>
        Schedule<T>(id => new HistoryEvent { EventType = HistoryEventType.TaskScheduled, EventId = id, Name = name, Input = input, Attempt = attempt },
            HistoryEventType.TaskCompleted, (id, details) => new TaskFailedException(name, id, details));

    private Task<T> ScheduleSubOrchestration<T>(string name, string instanceId, string? input) =>
        Schedule<T>(id => new HistoryEvent
            {
                EventType = HistoryEventType.SubOrchestrationInstanceCreated, EventId = id, Name = name, InstanceId = instanceId, Input = input, Version = Version,
            },
            HistoryEventType.SubOrchestrationInstanceCompleted, (id, details) => new SubOrchestrationFailedException(name, id, details));

    /// <summary>Records a decision with the next id and opens a task its result (or failure) completes.</summary>
    private Task<T> Schedule<T>(Func<int, HistoryEvent> decision, HistoryEventType success, Func<int, TaskFailureDetails, Exception> failure)
    {
        var id = _sequence++;
        _pending[id] = decision(id);
        var tcs = new TaskCompletionSource<string?>();
        _open[id] = e =>
        {
            if (e.EventType == success)
            {
                tcs.TrySetResult(e.Result);
            }
            else
            {
                tcs.TrySetException(failure(id, e.FailureDetails ?? new TaskFailureDetails("Unknown", "no details")));
            }
        };
        return Deserialize<T>(tcs.Task);
    }

    private async Task<T> WithRetry<T>(Func<int, Task<T>> attempt, RetryPolicy policy)
    {
        var firstAttempt = Now;
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt(n);
            }
            catch (TaskFailedException failure)
            {
                if (n >= policy.MaxNumberOfAttempts || (policy.HandleFailure is { } handle && !handle(failure.FailureDetails)))
                {
                    throw;
                }

                var delay = policy.DelayBefore(n);
                if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && Now + delay > firstAttempt + policy.RetryTimeout)
                {
                    throw;
                }

                await CreateTimer(delay, CancellationToken.None);
            }
        }
    }

    private sealed record EventWaiter(TaskCompletionSource<string?> Source);
}
