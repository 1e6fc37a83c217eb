using System.Collections.Concurrent;
using Azure.Storage.Queues;
using QueueMessage = Azure.Storage.Queues.Models.QueueMessage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serverless.Durable.Storage;

/// <summary>
/// The worker: competing-consumer loops over the control and work-item queues, with bounded concurrency, batch
/// receives (up to 32), an in-process wake-up when this process enqueued work and a polling back-off from 10 ms
/// to <see cref="DurableTaskOptions.MaxPollingInterval"/> otherwise. Stopping stops taking work, lets in-flight
/// work finish until the host's shutdown timeout, then abandons the rest (its messages reappear for another worker).
/// </summary>
internal sealed partial class DurableTaskWorker(
    TaskHub hub, OrchestrationProcessor orchestrations, ActivityProcessor activities, ILogger<DurableTaskWorker> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(10);

    private readonly CancellationTokenSource _stopTaking = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly ConcurrentDictionary<string, Session> _sessions = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private SemaphoreSlim? _orchestrationSlots;
    private SemaphoreSlim? _activitySlots;
    private Task? _loops;
    private int _disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await hub.EnsureCreatedAsync(cancellationToken);
        _orchestrationSlots = new SemaphoreSlim(hub.Options.MaxConcurrentOrchestrations);
        _activitySlots = new SemaphoreSlim(hub.Options.MaxConcurrentActivities);
        _loops = Task.WhenAll(
            Task.Run(() => PollAsync(hub.Control, hub.ControlSignal, _orchestrationSlots, hub.Options.OrchestrationVisibilityTimeout, OnControlMessages), CancellationToken.None),
            Task.Run(() => PollAsync(hub.WorkItems, hub.WorkItemSignal, _activitySlots, hub.Options.ActivityVisibilityTimeout, OnWorkItems), CancellationToken.None));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return; // Stopping after disposal (seen once in a test host's teardown under load) has nothing left to stop.
        }

        await _stopTaking.CancelAsync();
        if (_loops is not null)
        {
            await _loops;
        }

        using var registration = cancellationToken.Register(_abort.Cancel);
        while (!_inFlight.IsEmpty)
        {
            await Task.WhenAll(_inFlight.Keys);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopTaking.Dispose();
        _abort.Dispose();
        _orchestrationSlots?.Dispose();
        _activitySlots?.Dispose();
    }

    private async Task PollAsync(QueueClient queue, WorkSignal signal, SemaphoreSlim slots, TimeSpan visibility, Action<QueueMessage[]> dispatch)
    {
        var delay = MinPollingInterval;
        var ct = _stopTaking.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var free = slots.CurrentCount;
                if (free == 0)
                {
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(20), ct);
                    continue;
                }

                hub.Count();
                var received = (await queue.ReceiveMessagesAsync(Math.Min(32, free), visibility, ct)).Value;
                if (received.Length == 0)
                {
                    await signal.WaitAsync(delay, ct);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, hub.Options.MaxPollingInterval.Ticks));
                    continue;
                }

                delay = MinPollingInterval;
                dispatch(received);
                if (received.Length < Math.Min(32, free))
                {
                    // The queue is drained for now: wait for this process's next enqueue (or a short tick) instead of an empty receive.
                    await signal.WaitAsync(MinPollingInterval, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A storage hiccup must not stop the worker; back off and poll again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogPollFailed(ex, queue.Name);
                try
                {
                    await Task.Delay(hub.Options.MaxPollingInterval, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnWorkItems(QueueMessage[] messages)
    {
        foreach (var message in messages)
        {
            Track(RunActivityAsync(message));
        }
    }

    private async Task RunActivityAsync(QueueMessage message)
    {
        await _activitySlots!.WaitAsync();
        var popReceipt = message.PopReceipt;
        using var renewal = new CancellationTokenSource();
        var renewing = RenewAsync(message, p => popReceipt = p, renewal.Token);
        try
        {
            await activities.ProcessAsync(TaskHub.ParseMessage(message.MessageText), message.DequeueCount, _abort.Token);
            await renewal.CancelAsync();
            await renewing;
            hub.Count();
            await hub.WorkItems.DeleteMessageAsync(message.MessageId, popReceipt);
        }
#pragma warning disable CA1031 // Leave the message to reappear; its dequeue count bounds the retries.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await renewal.CancelAsync();
            await renewing;
            LogWorkFailed(ex, hub.WorkItems.Name);
            await AbandonAsync(hub.WorkItems, message.MessageId, popReceipt, message.MessageText, ex, message.DequeueCount);
        }
        finally
        {
            _activitySlots.Release();
        }
    }

    /// <summary>Keeps a long activity's message invisible while it runs.</summary>
    private async Task RenewAsync(QueueMessage message, Action<string> setPopReceipt, CancellationToken ct)
    {
        var popReceipt = message.PopReceipt;
        var interval = hub.Options.ActivityVisibilityTimeout / 2;
        try
        {
            while (true)
            {
                await Task.Delay(interval, ct);
                hub.Count();
                var updated = await hub.WorkItems.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: hub.Options.ActivityVisibilityTimeout, cancellationToken: ct);
                popReceipt = updated.Value.PopReceipt;
                setPopReceipt(popReceipt);
            }
        }
        catch (OperationCanceledException)
        {
        }
#pragma warning disable CA1031 // Renewal is best effort: the worst case is a second delivery.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPollFailed(ex, hub.WorkItems.Name);
        }
    }

    private void OnControlMessages(QueueMessage[] messages)
    {
        foreach (var group in messages.GroupBy(m => SafeInstanceId(m.MessageText)))
        {
            var session = _sessions.GetOrAdd(group.Key, _ => new Session());
            bool start;
            lock (session)
            {
                session.Pending.AddRange(group);
                start = !session.Running;
                session.Running = true;
            }

            if (start)
            {
                Track(RunSessionAsync(group.Key, session));
            }
        }
    }

    private async Task RunSessionAsync(string instanceId, Session session)
    {
        await _orchestrationSlots!.WaitAsync();
        try
        {
            while (true)
            {
                List<QueueMessage> batch;
                lock (session)
                {
                    if (session.Pending.Count == 0)
                    {
                        session.Running = false;
                        _sessions.TryRemove(new KeyValuePair<string, Session>(instanceId, session));
                        return;
                    }

                    batch = [.. session.Pending];
                    session.Pending.Clear();
                }

                await ProcessControlBatchAsync(instanceId, batch);
            }
        }
        finally
        {
            _orchestrationSlots.Release();
        }
    }

    private async Task ProcessControlBatchAsync(string instanceId, List<QueueMessage> batch)
    {
        List<(WorkMessage, long)> parsed;
        try
        {
            parsed = [.. batch.Select(m => (TaskHub.ParseMessage(m.MessageText), m.DequeueCount))];
        }
        catch (System.Text.Json.JsonException ex)
        {
            LogWorkFailed(ex, hub.Control.Name);
            foreach (var m in batch)
            {
                hub.Count();
                await hub.Control.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }

            return;
        }

        try
        {
            await orchestrations.ProcessAsync(instanceId, parsed, _abort.Token);
            hub.Count(batch.Count);
            await Task.WhenAll(batch.Select(m => hub.Control.DeleteMessageAsync(m.MessageId, m.PopReceipt)));
        }
#pragma warning disable CA1031 // Leave the messages to reappear; their dequeue count bounds the retries.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (ex is not OperationCanceledException)
            {
                LogWorkFailed(ex, hub.Control.Name);
            }

            foreach (var m in batch)
            {
                await AbandonAsync(hub.Control, m.MessageId, m.PopReceipt, m.MessageText, ex, m.DequeueCount);
            }
        }
    }

    /// <summary>Makes a failed message visible again after a short back-off, recording the error for the poison reason.</summary>
    private async Task AbandonAsync(QueueClient queue, string messageId, string popReceipt, string text, Exception error, long dequeueCount)
    {
        if (_abort.IsCancellationRequested)
        {
            return;
        }

        try
        {
            var message = TaskHub.ParseMessage(text) with { LastError = $"{error.GetType().Name}: {error.Message}" };
            var delay = TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, dequeueCount), 10_000));
            hub.Count();
            await queue.UpdateMessageAsync(messageId, popReceipt, System.Text.Json.JsonSerializer.Serialize(message, DurableJsonContext.Default.WorkMessage), delay);
        }
#pragma warning disable CA1031 // The message reappears after its visibility timeout anyway.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPollFailed(ex, queue.Name);
        }
    }

    private static string SafeInstanceId(string text)
    {
        try
        {
            return TaskHub.ParseMessage(text).InstanceId;
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }

    private void Track(Task task)
    {
        _inFlight[task] = 0;
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Polling {Queue} failed")]
    private partial void LogPollFailed(Exception ex, string queue);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Processing a message of {Queue} failed; it will be retried")]
    private partial void LogWorkFailed(Exception ex, string queue);

    private sealed class Session
    {
        public List<QueueMessage> Pending { get; } = [];

        public bool Running { get; set; }
    }
}
