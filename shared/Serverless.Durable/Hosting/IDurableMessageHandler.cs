namespace Serverless.Durable;

/// <summary>
/// Processes one message of the engine's queues exactly as the built-in worker would (Functions mode: the
/// host's queue trigger delivers it). The caller deletes the message when this returns and lets it reappear
/// when it throws.
/// </summary>
public interface IDurableMessageHandler
{
    /// <summary>Handles one message of <paramref name="queueName"/> (one of <see cref="DurableTaskOptions.QueueNames"/>).</summary>
    Task HandleAsync(string queueName, string messageText, long dequeueCount, CancellationToken ct);
}
