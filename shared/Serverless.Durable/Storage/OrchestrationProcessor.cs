using Microsoft.Extensions.Logging;
using Serverless.Durable.Replay;

namespace Serverless.Durable.Storage;

/// <summary>
/// Runs orchestration episodes. Order per episode: load (history + inbox + sentinel, one partition query) → send
/// anything a crashed predecessor committed but did not send → replay → commit history (ETag on the sentinel) →
/// send outbound messages → write the status row → delete consumed inbox rows → (caller) delete queue messages.
/// A crash anywhere repeats the unfinished steps on redelivery and nothing twice that history records.
/// </summary>
internal sealed partial class OrchestrationProcessor(
    TaskHub hub, HistoryStore store, StatusWriter status, OrchestrationExecutor executor, PoisonStore poison, ILogger<OrchestrationProcessor> logger)
{
    private const int MaxConflictRetries = 20;

    /// <summary>Handles the control-queue messages of one instance, then runs one episode if anything may be new.</summary>
    public async Task ProcessAsync(string instanceId, IReadOnlyList<(WorkMessage Message, long DequeueCount)> messages, CancellationToken ct)
    {
        var needsEpisode = false;
        foreach (var (message, dequeueCount) in messages)
        {
            if (dequeueCount > hub.Options.MaxDequeueCount)
            {
                await PoisonAsync(message, dequeueCount, ct);
                continue;
            }

            if (message.Kind == WorkMessage.Timer)
            {
                needsEpisode |= await FireTimerAsync(message, ct);
            }
            else if (message.Kind == WorkMessage.Wake && message.FireAt is { } notBefore && notBefore > hub.UtcNow)
            {
                await hub.SendAsync(hub.Control, message, notBefore - hub.UtcNow, ct);
            }
            else
            {
                needsEpisode = true;
            }
        }

        if (needsEpisode)
        {
            await RunEpisodeAsync(instanceId, ct);
        }
    }

    private async Task<bool> FireTimerAsync(WorkMessage message, CancellationToken ct)
    {
        var fireAt = message.FireAt ?? hub.UtcNow;
        if (fireAt > hub.UtcNow)
        {
            // Longer than one queue delay can be (or a clock ahead of the queue's): wait another hop.
            await hub.SendAsync(hub.Control, message, fireAt - hub.UtcNow, ct);
            return false;
        }

        await hub.AddToInboxAsync(message.InstanceId, new HistoryEvent
        {
            EventType = HistoryEventType.TimerFired, TaskScheduledId = message.TaskId, FireAt = fireAt, ExecutionId = message.ExecutionId,
            MessageId = $"timer.{message.ExecutionId}.{message.TaskId}",
        }, ct);
        return true;
    }

    public async Task RunEpisodeAsync(string instanceId, CancellationToken ct)
    {
        var transient = 0;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await RunOnceAsync(instanceId, ct);
                return;
            }
            catch (CommitConflictException) when (attempt < MaxConflictRetries)
            {
                LogConflict(instanceId, attempt + 1);
                await Task.Delay(Random.Shared.Next(1, 5 + (attempt * 5)), ct);
            }
            catch (Azure.RequestFailedException e) when (TransientStorage.IsTransient(e) && transient < TransientStorage.MaxRetries && !ct.IsCancellationRequested)
            {
                // A storage call failed in a way that may pass (network, 5xx, throttling). Running the episode again
                // from a fresh load is what a redelivery would do, without spending one of the message's deliveries.
                transient++;
                LogTransient(instanceId, transient, e.Status);
                await Task.Delay(TransientStorage.Delay(transient), ct);
            }
        }
    }

    private async Task RunOnceAsync(string instanceId, CancellationToken ct)
    {
        hub.Hooks.Reach(CrashPoint.EpisodeStarting, instanceId);
        var state = await store.LoadAsync(instanceId, ct);
        if (state.Dispatched < state.Count)
        {
            await DispatchAsync(state, state.History, state.Dispatched, ct);
            await store.MarkDispatchedAsync(state, ct);
        }

        var now = hub.UtcNow;
        var inbound = state.Inbox.Where(i => i.NotBefore is not { } nb || nb <= now).ToList();
        if (inbound.Count == 0 && state.StatusWrittenFor == state.Count)
        {
            return;
        }

        var result = executor.Execute(state.History, [.. inbound.Select(i => i.Event)], now);
        var rowKeys = new Dictionary<HistoryEvent, string>(ReferenceEqualityComparer.Instance);
        foreach (var item in inbound)
        {
            rowKeys[item.Event] = item.RowKey;
        }

        if (!result.HasNewHistory)
        {
            if (result.Dropped.Count > 0)
            {
                await store.DeleteInboxAsync(instanceId, result.Dropped.Select(e => rowKeys[e]), ct);
            }

            if (result.Started is not null && state.StatusWrittenFor != state.Count &&
                !await status.MatchesAsync(instanceId, result, ct))
            {
                // History is ahead of the status row (a crash between the two writes): repair it.
                await status.WriteAsync(state, result, includeInput: true, ct);
                LogRepaired(instanceId, result.Status);
            }

            state.StatusWrittenFor = state.Count;
            store.Remember(state);
            return;
        }

        var dispatchFrom = result.NewExecution ? 0 : state.Count;
        var statusUnchanged = !result.NewExecution && state.StatusWrittenFor == state.Count &&
            state.WrittenStatus == (result.Status, result.CustomStatus);
        var consumed = result.Accepted.Concat(result.Dropped).Select(e => rowKeys[e]).Distinct().ToList();
        var consumedInline = await store.CommitAsync(state, result, ct, consumed);
        hub.Hooks.Reach(CrashPoint.AfterHistoryBatch, instanceId);

        await DispatchAsync(state, result.History, dispatchFrom, ct);
        hub.Hooks.Reach(CrashPoint.AfterSendingOutbound, instanceId);
        await store.MarkDispatchedAsync(state, ct);

        if (statusUnchanged)
        {
            // This process wrote the row for the previous commit and nothing it shows has changed: skip the write.
            state.StatusWrittenFor = state.Count;
        }
        else
        {
            await status.WriteAsync(state, result, includeInput: result.NewExecution, ct);
        }

        store.Remember(state);
        hub.Hooks.Reach(CrashPoint.AfterStatusWrite, instanceId);

        hub.Hooks.Reach(CrashPoint.BeforeDeletingInputs, instanceId);
        if (!consumedInline)
        {
            await store.DeleteInboxAsync(instanceId, consumed, ct);
        }

        if (result.Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            LogFinished(instanceId, result.Status);
        }
    }

    /// <summary>Sends the messages that committed history events from <paramref name="from"/> imply. Every send is idempotent at the receiver.</summary>
    private async Task DispatchAsync(InstanceState state, IReadOnlyList<HistoryEvent> history, int from, CancellationToken ct)
    {
        var started = history.FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionStarted);
        var executionId = state.ExecutionId ?? started?.ExecutionId;
        var sends = new List<Task>();
        for (var position = from; position < history.Count; position++)
        {
            var e = history[position];
            switch (e.EventType)
            {
                case HistoryEventType.TaskScheduled:
                    sends.Add(hub.SendAsync(hub.WorkItems, new WorkMessage
                    {
                        Kind = WorkMessage.Activity, InstanceId = state.InstanceId, ExecutionId = executionId, TaskId = e.EventId, Position = position,
                    }, null, ct));
                    break;
                case HistoryEventType.TimerCreated:
                    var fireAt = e.FireAt ?? hub.UtcNow;
                    sends.Add(hub.SendAsync(hub.Control, new WorkMessage
                    {
                        Kind = WorkMessage.Timer, InstanceId = state.InstanceId, ExecutionId = executionId, TaskId = e.EventId, FireAt = fireAt,
                    }, fireAt - hub.UtcNow, ct));
                    break;
                case HistoryEventType.SubOrchestrationInstanceCreated:
                    sends.Add(StartChildAsync(state.InstanceId, executionId!, started!, e, ct));
                    break;
                case HistoryEventType.EventSent:
                    sends.Add(DeliverAsync(e.InstanceId!, new HistoryEvent
                    {
                        EventType = HistoryEventType.EventRaised, Name = e.Name, Input = e.Input, MessageId = $"event.{state.InstanceId}.{executionId}.{e.EventId}",
                    }, ct));
                    break;
                case HistoryEventType.ExecutionCompleted when started?.ParentInstanceId is { } parent:
                    var succeeded = e.OrchestrationStatus == OrchestrationRuntimeStatus.Completed;
                    sends.Add(DeliverAsync(parent, new HistoryEvent
                    {
                        EventType = succeeded ? HistoryEventType.SubOrchestrationInstanceCompleted : HistoryEventType.SubOrchestrationInstanceFailed,
                        TaskScheduledId = started.ParentTaskScheduledId,
                        ExecutionId = started.ParentExecutionId,
                        Result = succeeded ? e.Result : null,
                        FailureDetails = succeeded ? null : e.FailureDetails ?? new TaskFailureDetails(
                            "Terminated", $"Sub-orchestration '{state.InstanceId}' ended {e.OrchestrationStatus}: {e.Result}"),
                        MessageId = $"sub.{started.ParentExecutionId}.{started.ParentTaskScheduledId}",
                    }, ct));
                    break;
                case HistoryEventType.ContinueAsNew:
                    sends.Add(hub.WakeAsync(state.InstanceId, ct));
                    break;
            }
        }

        await Task.WhenAll(sends);
    }

    private async Task StartChildAsync(string parentId, string parentExecutionId, HistoryEvent parentStarted, HistoryEvent created, CancellationToken ct)
    {
        var executionId = DeterministicGuid.Create(DeterministicGuid.OrchestrationNamespace, $"{parentId}:{parentExecutionId}:{created.EventId}").ToString("N");
        var start = new HistoryEvent
        {
            EventType = HistoryEventType.ExecutionStarted,
            InstanceId = created.InstanceId,
            ExecutionId = executionId,
            Name = created.Name,
            Version = created.Version ?? parentStarted.Version,
            Input = created.Input,
            Tags = parentStarted.Tags,
            ParentInstanceId = parentId,
            ParentExecutionId = parentExecutionId,
            ParentTaskScheduledId = created.EventId,
            Timestamp = hub.UtcNow,
            MessageId = "start." + executionId,
        };
        await hub.AddToInboxAsync(created.InstanceId!, start, ct);
        await status.WritePendingAsync(start, replace: false, ct);
        await hub.WakeAsync(created.InstanceId!, ct);
    }

    private async Task DeliverAsync(string instanceId, HistoryEvent e, CancellationToken ct)
    {
        await hub.AddToInboxAsync(instanceId, e, ct);
        await hub.WakeAsync(instanceId, ct, writtenAt: System.Diagnostics.Stopwatch.GetTimestamp());
    }

    /// <summary>A message that keeps failing: record it with its reason and fail its instance, instead of looping.</summary>
    private async Task PoisonAsync(WorkMessage message, long dequeueCount, CancellationToken ct)
    {
        var reason = $"A {message.Kind} message for instance '{message.InstanceId}' failed {dequeueCount - 1} times: {message.LastError ?? "the worker stopped or timed out while processing it"}";
        await poison.AddAsync(hub.Options.OrchestrationQueueName, message, dequeueCount, reason, ct);
        var failure = new TaskFailureDetails("PoisonMessage", reason);
        try
        {
            var state = await store.LoadAsync(message.InstanceId, ct);
            var result = OrchestrationExecutor.FailInstance(state.History, failure, hub.UtcNow);
            if (result is not null)
            {
                await store.CommitAsync(state, result, ct);
                await DispatchAsync(state, result.History, result.AppendFrom, ct);
                await store.MarkDispatchedAsync(state, ct);
                await status.WriteAsync(state, result, includeInput: false, ct);
            }
            else if (state.History.Count == 0)
            {
                // Never started: drop what waits in its inbox so a later wake-up cannot start it after all.
                await store.DeleteInboxAsync(message.InstanceId, state.Inbox.Select(i => i.RowKey), ct);
                await status.ForceFailedAsync(message.InstanceId, failure, ct);
            }
        }
#pragma warning disable CA1031 // Whatever broke the episode may break this too; the status row still says Failed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPoisonFailFailed(ex, message.InstanceId);
            await status.ForceFailedAsync(message.InstanceId, failure, ct);
        }

        LogPoisoned(message.InstanceId, reason);
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Instance {InstanceId}: commit conflict, retry {Attempt}")]
    private partial void LogConflict(string instanceId, int attempt);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Information, Message = "Instance {InstanceId}: transient storage failure ({Status}), episode retry {Attempt}")]
    private partial void LogTransient(string instanceId, int attempt, int status);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Instance {InstanceId}: status row repaired to {Status}")]
    private partial void LogRepaired(string instanceId, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Instance {InstanceId} finished: {Status}")]
    private partial void LogFinished(string instanceId, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Instance {InstanceId}: poison message: {Reason}")]
    private partial void LogPoisoned(string instanceId, string reason);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Error, Message = "Instance {InstanceId}: could not record the poison failure in history")]
    private partial void LogPoisonFailFailed(Exception ex, string instanceId);
}
