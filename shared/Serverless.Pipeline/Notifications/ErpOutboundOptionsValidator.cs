using Microsoft.Extensions.Options;

namespace Serverless.Pipeline.Notifications;

/// <summary>The Service Bus channel needs a namespace (or a development connection string) and a topic; the messages name the settings.</summary>
internal sealed class ErpOutboundOptionsValidator : IValidateOptions<ErpOutboundOptions>
{
    public ValidateOptionsResult Validate(string? name, ErpOutboundOptions options)
    {
        if (options.Channel != CompletionChannel.ServiceBus)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        var bus = options.ServiceBus;
        if (string.IsNullOrWhiteSpace(bus.FullyQualifiedNamespace) && string.IsNullOrWhiteSpace(bus.ConnectionString))
        {
            errors.Add("Erp:Outbound:ServiceBus:FullyQualifiedNamespace (or, in development, Erp:Outbound:ServiceBus:ConnectionString) is required when Erp:Outbound:Channel is ServiceBus.");
        }
        else if (!string.IsNullOrWhiteSpace(bus.FullyQualifiedNamespace) && Uri.CheckHostName(bus.FullyQualifiedNamespace) != UriHostNameType.Dns)
        {
            errors.Add("Erp:Outbound:ServiceBus:FullyQualifiedNamespace must be a host name such as name.servicebus.windows.net (no scheme, no port).");
        }

        if (string.IsNullOrWhiteSpace(bus.TopicName))
        {
            errors.Add("Erp:Outbound:ServiceBus:TopicName is required when Erp:Outbound:Channel is ServiceBus.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
