using System.Text.Json;
using Azure.Storage.Queues;
using Serverless.App.Storage;

namespace Serverless.App.Rejections;

/// <summary>
/// Moves a failed delivery to <c>{queue}-poison</c> as a <see cref="PoisonMessage"/> envelope. The local queue
/// listener calls it after the last attempt or at once for a permanent rejection; a Functions queue trigger
/// calls it when <see cref="DeliveryFailures.IsPermanent"/> holds and then returns normally, so that the host
/// deletes the message instead of retrying it (the host's own poisoning happens only after maxDequeueCount).
/// </summary>
internal static class PoisonQueue
{
    public static async Task<PoisonMessage> SendAsync(
        QueueServiceClient queues, string queueName, string messageId, long dequeueCount, string text, Exception error, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(time);
        var poison = new PoisonMessage(queueName, messageId, dequeueCount, DeliveryFailures.Reason(error), time.GetUtcNow(), text)
        {
            Code = DeliveryFailures.IsPermanent(error, out var rejection) ? rejection!.Code : null,
        };
        var queue = queues.GetQueueClient(StorageNames.Poison(queueName));
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queue.SendMessageAsync(JsonSerializer.Serialize(poison, QueueJsonContext.Default.PoisonMessage), cancellationToken);
        return poison;
    }
}
