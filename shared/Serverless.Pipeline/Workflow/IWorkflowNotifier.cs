namespace Serverless.Pipeline.Workflow;

/// <summary>
/// Tells a caller that a workflow ended. Every notifier gets every completion and decides whether it
/// applies (a callback URL, a reply queue). the idempotency key (instance id + step) is
/// sent along so that the receiver can de-duplicate: a retried notify may deliver twice.
/// </summary>
public interface IWorkflowNotifier
{
    Task NotifyAsync(DocumentPipelineInput document, WorkflowCompletion completion, string idempotencyKey, CancellationToken cancellationToken);
}
