namespace Serverless.Durable.Storage;

/// <summary>Processes one message from either engine queue (used by the worker and by Functions mode).</summary>
internal sealed class DurableMessageHandler(TaskHub hub, OrchestrationProcessor orchestrations, ActivityProcessor activities) : IDurableMessageHandler
{
    public async Task HandleAsync(string queueName, string messageText, long dequeueCount, CancellationToken ct)
    {
        await hub.EnsureCreatedAsync(ct);
        var message = TaskHub.ParseMessage(messageText);
        if (string.Equals(queueName, hub.Options.ActivityQueueName, StringComparison.OrdinalIgnoreCase))
        {
            await activities.ProcessAsync(message, dequeueCount, ct);
        }
        else if (string.Equals(queueName, hub.Options.OrchestrationQueueName, StringComparison.OrdinalIgnoreCase))
        {
            await orchestrations.ProcessAsync(message.InstanceId, [(message, dequeueCount)], ct);
        }
        else
        {
            throw new ArgumentException($"Queue '{queueName}' is not one of this task hub's queues ({string.Join(", ", hub.Options.QueueNames)}).", nameof(queueName));
        }
    }
}
