using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serverless.Durable.Storage;

/// <summary>
/// Runs one activity work item: skip it when its result is already in the inbox or committed (sentinel bitmap),
/// run it, write the result to the orchestration's inbox (first copy wins), wake the orchestration.
/// </summary>
internal sealed partial class ActivityProcessor(
    TaskHub hub, DurableTaskRegistry registry, IServiceProvider services, PoisonStore poison, ILogger<ActivityProcessor> logger)
{
    public async Task ProcessAsync(WorkMessage message, long dequeueCount, CancellationToken ct)
    {
        var taskId = message.TaskId ?? throw new InvalidOperationException("An activity message without a task id.");
        var resultMessageId = $"T.{message.ExecutionId}.{taskId}";
        var historyKey = TaskHub.HistoryRowKey(message.Position ?? -1);
        var inboxKey = TaskHub.InboxRowKey(resultMessageId);
        var filter = $"PartitionKey eq '{HistoryStore.Escape(message.InstanceId)}' and (RowKey eq '{historyKey}' or RowKey eq '{inboxKey}' or RowKey eq '{TaskHub.SentinelRowKey}')";
        var rows = new List<TableEntity>();
        hub.Count();
        await foreach (var row in hub.History.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            rows.Add(row);
        }

        var sentinel = rows.FirstOrDefault(r => r.RowKey == TaskHub.SentinelRowKey);
        var scheduledRow = rows.FirstOrDefault(r => r.RowKey == historyKey);
        if (rows.Any(r => r.RowKey == inboxKey))
        {
            // The result was reported but maybe not announced (a crash between the two): announce it again.
            LogSkipped(message.InstanceId, taskId);
            await hub.WakeAsync(message.InstanceId, ct);
            return;
        }

        if (sentinel is null || sentinel.GetString("ExecutionId") != message.ExecutionId || scheduledRow is null ||
            scheduledRow.GetString("ExecutionId") != message.ExecutionId || HistoryStore.IsDone(sentinel, taskId))
        {
            LogSkipped(message.InstanceId, taskId);
            return;
        }

        var scheduled = await hub.GetEventAsync(scheduledRow, ct);
        if (scheduled.EventType != HistoryEventType.TaskScheduled || scheduled.EventId != taskId)
        {
            LogSkipped(message.InstanceId, taskId);
            return;
        }

        HistoryEvent result;
        if (dequeueCount > hub.Options.MaxDequeueCount)
        {
            var reason = $"Activity '{scheduled.Name}' was delivered {dequeueCount - 1} times without completing: {message.LastError ?? "the worker stopped or timed out while running it"}";
            await poison.AddAsync(hub.Options.ActivityQueueName, message, dequeueCount, reason, ct);
            result = Failed(new TaskFailureDetails("PoisonMessage", reason));
        }
        else
        {
            result = await RunAsync(message, scheduled, (int)dequeueCount, ct);
            hub.Hooks.Reach(CrashPoint.AfterActivityEffect, message.InstanceId);
        }

        // The activity has run: a storage blip while reporting its result is retried here, not by running it again.
        var reported = result with { MessageId = resultMessageId, ExecutionId = message.ExecutionId, TaskScheduledId = taskId };
        await TransientStorage.RetryAsync(() => hub.AddToInboxAsync(message.InstanceId, reported, ct), ct);
        var writtenAt = System.Diagnostics.Stopwatch.GetTimestamp();
        hub.Hooks.Reach(CrashPoint.AfterActivityResult, message.InstanceId);
        await TransientStorage.RetryAsync(() => hub.WakeAsync(message.InstanceId, ct, writtenAt: writtenAt), ct);

        HistoryEvent Failed(TaskFailureDetails details) => new() { EventType = HistoryEventType.TaskFailed, FailureDetails = details };
    }

    private async Task<HistoryEvent> RunAsync(WorkMessage message, HistoryEvent scheduled, int deliveryCount, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var activity = registry.ResolveActivity(scope.ServiceProvider, scheduled.Name!);
        if (activity is null)
        {
            return new HistoryEvent
            {
                EventType = HistoryEventType.TaskFailed,
                FailureDetails = new TaskFailureDetails("ActivityNotFound", $"No activity named '{scheduled.Name}' is registered with this worker."),
            };
        }

        var context = new TaskActivityContext(scheduled.Name!, message.InstanceId, scheduled.Attempt ?? 1, deliveryCount, ct);
        try
        {
            var input = DurableJson.Deserialize(scheduled.Input, activity.InputType);
            var output = await activity.RunAsync(context, input);
            return new HistoryEvent { EventType = HistoryEventType.TaskCompleted, Result = DurableJson.Serialize(output) };
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // An activity's exception is its result: it goes to the orchestration as a failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogActivityFailed(ex, message.InstanceId, scheduled.Name!);

            return new HistoryEvent { EventType = HistoryEventType.TaskFailed, FailureDetails = TaskFailureDetails.FromException(ex) };
        }
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Debug, Message = "Instance {InstanceId}: activity #{TaskId} already done or stale; skipped")]
    private partial void LogSkipped(string instanceId, int taskId);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Instance {InstanceId}: activity {Activity} failed")]
    private partial void LogActivityFailed(Exception ex, string instanceId, string activity);
}
