namespace Serverless.Pipeline.Notifications;

/// <summary>
/// Sends a completion CloudEvent over one channel. Implementations send exactly one message per call and keep
/// the event id as the message's id, so that a receiver (or Service Bus duplicate detection) drops a repeat.
/// </summary>
public interface ICompletionPublisher
{
    Task PublishAsync(CompletionMessage message, CancellationToken cancellationToken);
}
