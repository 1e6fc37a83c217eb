using Shouldly;

namespace Serverless.Durable.Tests;

/// <summary>Checks one instance after a scenario: a terminal state, an append-only history without duplicates, and a status row that matches it.</summary>
internal static class InvariantChecker
{
    public static async Task<IReadOnlyList<HistoryEvent>> CheckAsync(DurableTaskClient client, string instanceId, CancellationToken ct)
    {
        var metadata = (await client.GetInstanceAsync(instanceId, true, ct)).ShouldNotBeNull();
        var history = await client.GetOrchestrationHistoryAsync(instanceId, ct);
        history.Count(e => e.EventType == HistoryEventType.ExecutionStarted).ShouldBe(1, $"{instanceId}: one ExecutionStarted");
        history[0].EventType.ShouldBe(HistoryEventType.OrchestratorStarted);

        foreach (var kind in new[] { HistoryEventType.TaskScheduled, HistoryEventType.TimerCreated, HistoryEventType.SubOrchestrationInstanceCreated, HistoryEventType.EventSent })
        {
            history.Where(e => e.EventType == kind).Select(e => e.EventId).ShouldBeUnique($"{instanceId}: {kind} ids are unique");
        }

        var scheduled = history.Where(e => e.EventType == HistoryEventType.TaskScheduled).Select(e => e.EventId).ToHashSet();
        var results = history.Where(e => e.EventType is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed).Select(e => e.TaskScheduledId!.Value).ToList();
        results.ShouldBeUnique($"{instanceId}: one result per task");
        results.ShouldAllBe(id => scheduled.Contains(id), $"{instanceId}: every result matches a scheduled task");
        history.Select(e => e.MessageId).OfType<string>().ShouldBeUnique($"{instanceId}: no inbound message applied twice");

        var last = history.LastOrDefault(e => e.EventType == HistoryEventType.ExecutionCompleted).ShouldNotBeNull($"{instanceId}: finished");
        metadata.RuntimeStatus.ShouldBe(last.OrchestrationStatus!.Value, $"{instanceId}: status row equals history");
        if (last.OrchestrationStatus == OrchestrationRuntimeStatus.Completed)
        {
            metadata.SerializedOutput.ShouldBe(last.Result);
        }

        return history;
    }
}
