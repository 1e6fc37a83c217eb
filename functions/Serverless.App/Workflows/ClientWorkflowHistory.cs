using DurableTask.Core.History;
using Microsoft.DurableTask.Client;

namespace Serverless.App.Workflows;

/// <summary>History through <see cref="DurableTaskClient.GetOrchestrationHistoryAsync"/> (what the Durable Functions extension serves).</summary>
internal sealed class ClientWorkflowHistory(DurableTaskClient client) : IWorkflowHistory
{
    public async Task<IReadOnlyList<WorkflowHistoryEvent>> GetAsync(string instanceId, CancellationToken cancellationToken) =>
        [.. (await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken)).Select(Map)];

    /// <summary>The fields of a Durable Task Framework history event that the status API shows.</summary>
    public static WorkflowHistoryEvent Map(HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var row = new WorkflowHistoryEvent(e.EventType.ToString(), e.EventId, e.Timestamp);
        return e switch
        {
            ExecutionStartedEvent s => row with { Name = s.Name, Input = s.Input },
            ExecutionCompletedEvent c => row with
            {
                OrchestrationStatus = c.OrchestrationStatus.ToString(),
                Result = c.Result,
                ErrorType = c.FailureDetails?.ErrorType,
                ErrorMessage = c.FailureDetails?.ErrorMessage,
            },
            ExecutionTerminatedEvent t => row with { Input = t.Input },
            TaskScheduledEvent s => row with { Name = s.Name, Input = s.Input },
            TaskCompletedEvent c => row with { TaskScheduledId = c.TaskScheduledId, Result = c.Result },
            TaskFailedEvent f => Failed(row, f.TaskScheduledId, f.FailureDetails, f.Reason),
            SubOrchestrationInstanceCreatedEvent s => row with { Name = s.Name, Input = s.Input },
            SubOrchestrationInstanceCompletedEvent c => row with { TaskScheduledId = c.TaskScheduledId, Result = c.Result },
            SubOrchestrationInstanceFailedEvent f => Failed(row, f.TaskScheduledId, f.FailureDetails, f.Reason),
            EventRaisedEvent r => row with { Name = r.Name, Input = r.Input },
            EventSentEvent s => row with { Name = s.Name, Input = s.Input },
            _ => row,
        };
    }

    private static WorkflowHistoryEvent Failed(WorkflowHistoryEvent row, int scheduledId, DurableTask.Core.FailureDetails? failure, string? reason) =>
        row with { TaskScheduledId = scheduledId, ErrorType = failure?.ErrorType, ErrorMessage = failure?.ErrorMessage ?? reason };
}
