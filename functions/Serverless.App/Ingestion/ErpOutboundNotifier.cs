using System.Text;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Serverless.App.Storage;
using Serverless.Pipeline.Workflow;

namespace Serverless.App.Ingestion;

/// <summary>
/// Sends the completion of a workflow that names a reply queue (the ERP entry) as a CloudEvents 1.0 JSON
/// message: type <c>com.serverless.document.completed</c> or <c>.failed</c>, id = the idempotency key
/// (instance id + step), so that the ERP de-duplicates a retried notify.
/// </summary>
internal sealed class ErpOutboundNotifier(StorageClients clients) : IWorkflowNotifier
{
    public const string CompletedType = "com.serverless.document.completed";
    public const string FailedType = "com.serverless.document.failed";
    private static readonly Uri Source = new("/serverless/document-pipeline", UriKind.Relative);

    public async Task NotifyAsync(DocumentPipelineInput document, WorkflowCompletion completion, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (document.ReplyQueue is not { } queueName)
        {
            return;
        }

        var cloudEvent = new CloudEvent
        {
            Id = idempotencyKey,
            Type = completion.Status == WorkflowCompletion.Completed ? CompletedType : FailedType,
            Source = Source,
            Subject = completion.InstanceId,
            Time = null,
            DataContentType = "application/json",
            Data = System.Text.Json.JsonSerializer.SerializeToElement(completion, ErpJson.Default.WorkflowCompletion),
        };
        var body = new JsonEventFormatter().EncodeStructuredModeMessage(cloudEvent, out _);
        var queue = clients.Queues.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queue.SendMessageAsync(Encoding.UTF8.GetString(body.Span), cancellationToken);
    }
}
