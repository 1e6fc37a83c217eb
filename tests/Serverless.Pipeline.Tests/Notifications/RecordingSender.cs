using Azure.Messaging.ServiceBus;

namespace Serverless.Pipeline.Tests.Notifications;

/// <summary>A ServiceBusSender that records what it is asked to send, or throws a chosen exception (no namespace or emulator runs here).</summary>
internal sealed class RecordingSender(Exception? failure = null) : ServiceBusSender
{
    public List<ServiceBusMessage> Sent { get; } = [];

    public override string EntityPath => "erp-completions";

    public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
    {
        if (failure is not null)
        {
            throw failure;
        }

        Sent.Add(message);
        return Task.CompletedTask;
    }

    public override Task SendMessagesAsync(IEnumerable<ServiceBusMessage> messages, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the publisher sends one message per completion");
}
