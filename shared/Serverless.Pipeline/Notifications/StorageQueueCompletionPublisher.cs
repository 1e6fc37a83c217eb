using System.Text;
using Azure.Storage.Queues;

namespace Serverless.Pipeline.Notifications;

/// <summary>Sends the structured-mode CloudEvent JSON to the Storage queue the request named (created when missing).</summary>
public sealed class StorageQueueCompletionPublisher(QueueServiceClient queues) : ICompletionPublisher
{
    public async Task PublishAsync(CompletionMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = queues.GetQueueClient(message.ReplyQueue);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await queue.SendMessageAsync(Encoding.UTF8.GetString(CompletionEvents.Encode(message.Event).Span), cancellationToken).ConfigureAwait(false);
    }
}
