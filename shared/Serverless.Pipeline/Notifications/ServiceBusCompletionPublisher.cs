using Azure.Messaging.ServiceBus;
using Serverless.Pipeline.Workflow;

namespace Serverless.Pipeline.Notifications;

/// <summary>
/// Publishes the completion to a Service Bus topic as one message in CloudEvents structured mode: the body is
/// the same <c>application/cloudevents+json</c> document the Storage queue carries, and the context attributes
/// are copied into application properties with the <c>cloudEvents:</c> prefix of the CloudEvents AMQP binding,
/// so that a subscription rule can filter on <c>[cloudEvents:type]</c> without reading the body.
/// MessageId = the event id (<c>{instance}:notify</c>): with duplicate detection on the topic, a re-sent
/// completion is dropped by Service Bus; Subject = the instance id; CorrelationId = the inbound event id.
/// The topic is fixed by configuration: the request's reply queue only marks the workflow as ERP-started here.
/// </summary>
public sealed class ServiceBusCompletionPublisher(ServiceBusSender sender) : ICompletionPublisher
{
    public const string PropertyPrefix = "cloudEvents:";

    public async Task PublishAsync(CompletionMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await sender.SendMessageAsync(ToServiceBusMessage(message), cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceBusException e) when (e.IsTransient)
        {
            throw new TransientStepException($"notify: Service Bus answered {e.Reason}.", e);
        }
        catch (ServiceBusException e)
        {
            // Entity missing, message too large and the like: another attempt sends the same thing to the same place.
            throw new StepFailedException("completion-publish-rejected", $"notify: Service Bus refused the completion ({e.Reason}).", isTransient: false, e);
        }
        catch (UnauthorizedAccessException e)
        {
            // A role assignment takes minutes to reach Service Bus after a deploy: worth the activity's spaced retries.
            throw new TransientStepException("notify: Service Bus refused the identity (Azure Service Bus Data Sender on the topic?).", e);
        }
    }

    /// <summary>The message for one completion (public so that the mapping is testable without a namespace).</summary>
    public static ServiceBusMessage ToServiceBusMessage(CompletionMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var cloudEvent = message.Event;
        var result = new ServiceBusMessage(CompletionEvents.Encode(cloudEvent))
        {
            MessageId = cloudEvent.Id,
            Subject = cloudEvent.Subject,
            ContentType = CompletionEvents.StructuredContentType,
            CorrelationId = message.CorrelationId,
        };
        var properties = result.ApplicationProperties;
        properties[PropertyPrefix + "specversion"] = cloudEvent.SpecVersion.VersionId;
        properties[PropertyPrefix + "id"] = cloudEvent.Id;
        properties[PropertyPrefix + "source"] = cloudEvent.Source?.ToString();
        properties[PropertyPrefix + "type"] = cloudEvent.Type;
        if (cloudEvent.Subject is { } subject)
        {
            properties[PropertyPrefix + "subject"] = subject;
        }

        if (cloudEvent.Time is { } time)
        {
            // An AMQP timestamp, as the binding maps the Timestamp type.
            properties[PropertyPrefix + "time"] = time;
        }

        return result;
    }
}
