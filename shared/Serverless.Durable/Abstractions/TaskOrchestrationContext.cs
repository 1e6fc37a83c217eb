using Microsoft.Extensions.Logging;

namespace Serverless.Durable;

/// <summary>
/// The orchestrator's view of the engine. Every member is replay-safe: scheduling calls take the next
/// decision id and are matched against history on replay; time and ids come from history.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The orchestrator name.</summary>
    public abstract string Name { get; }

    /// <summary>The version recorded when this instance (execution) started.</summary>
    public abstract string Version { get; }

    /// <summary>True while already-committed history is being replayed.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The deterministic clock: the start time of the episode that is being (re)played.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>The parent instance id when this is a sub-orchestration.</summary>
    public abstract string? ParentInstanceId { get; }

    /// <summary>A deterministic name-based (version 5) GUID: the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>Schedules an activity and returns its result.</summary>
    public abstract Task<T> CallActivityAsync<T>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity whose result is not needed.</summary>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    public abstract Task<T> CallSubOrchestratorAsync<T>(string name, object? input = null, SubOrchestrationOptions? options = null);

    /// <summary>Starts a sub-orchestration whose output is not needed.</summary>
    public Task CallSubOrchestratorAsync(string name, object? input = null, SubOrchestrationOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(name, input, options);

    /// <summary>A durable timer that fires at <paramref name="fireAt"/> (UTC). Any length works, longer than a queue's 7-day limit too.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires after <paramref name="delay"/> from <see cref="CurrentUtcDateTime"/>.</summary>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Waits for an external event (names are case-insensitive). Events raised before the wait are buffered.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event; throws <see cref="TaskCanceledException"/> when <paramref name="timeout"/> passes first.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout);

    /// <summary>Sends an event to another orchestration instance.</summary>
    public abstract void SendEvent(string instanceId, string eventName, object? payload = null);

    /// <summary>Ends this execution and starts a fresh one with <paramref name="newInput"/> and an empty history.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>Sets the custom status shown by the client (serialised at the end of the episode).</summary>
    public abstract void SetCustomStatus(object? status);

    /// <summary>A logger that writes only when not replaying.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    /// <summary>A logger that writes only when not replaying.</summary>
    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);

    /// <summary>The input, deserialised (also passed to <c>RunAsync</c>).</summary>
    public abstract T? GetInput<T>();
}
