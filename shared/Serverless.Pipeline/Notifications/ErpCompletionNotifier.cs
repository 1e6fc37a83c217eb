using Serverless.Pipeline.Workflow;

namespace Serverless.Pipeline.Notifications;

/// <summary>
/// Sends the completion of a workflow that names a reply queue (the ERP entry) as a CloudEvent over the
/// configured channel (<see cref="ErpOutboundOptions.Channel"/>). The event id is the idempotency key
/// (instance id + step), so that the receiver, or Service Bus duplicate detection, drops a retried notify.
/// </summary>
public sealed class ErpCompletionNotifier(ICompletionPublisher publisher, TimeProvider time) : IWorkflowNotifier
{
    public Task NotifyAsync(DocumentPipelineInput document, WorkflowCompletion completion, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(completion);
        if (document.ReplyQueue is not { } replyQueue)
        {
            return Task.CompletedTask;
        }

        var cloudEvent = CompletionEvents.Create(completion, idempotencyKey, time.GetUtcNow());
        return publisher.PublishAsync(new CompletionMessage(cloudEvent, replyQueue, completion.CorrelationId), cancellationToken);
    }
}
