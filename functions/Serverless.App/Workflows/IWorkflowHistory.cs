namespace Serverless.App.Workflows;

/// <summary>Reads an instance's history. The engine's client can (Functions); the local host reads the task hub directly.</summary>
internal interface IWorkflowHistory
{
    Task<IReadOnlyList<WorkflowHistoryEvent>> GetAsync(string instanceId, CancellationToken cancellationToken);
}
