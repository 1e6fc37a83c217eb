namespace Serverless.Durable.Storage;

/// <summary>Processes one message from either engine queue (Functions mode: the host's queue trigger delivers it).</summary>
internal sealed class DurableMessageHandler(TaskHub hub, OrchestrationProcessor orchestrations, ActivityProcessor activities) : IDurableMessageHandler
{
    public async Task HandleAsync(string queueName, string messageText, long dequeueCount, CancellationToken ct)
    {
        var isActivity = string.Equals(queueName, hub.Options.ActivityQueueName, StringComparison.OrdinalIgnoreCase);
        if (!isActivity && !string.Equals(queueName, hub.Options.OrchestrationQueueName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Queue '{queueName}' is not one of this task hub's queues ({string.Join(", ", hub.Options.QueueNames)}).", nameof(queueName));
        }

        await hub.EnsureCreatedAsync(ct);
        var message = TaskHub.ParseMessage(messageText);
        if (isActivity)
        {
            await activities.ProcessAsync(message, dequeueCount, ct);
        }
        else
        {
            await orchestrations.ProcessAsync(message.InstanceId, [(message, dequeueCount)], ct);
        }
    }
}
