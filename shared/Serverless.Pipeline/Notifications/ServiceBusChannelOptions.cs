namespace Serverless.Pipeline.Notifications;

/// <summary>The Service Bus topic ERP completions go to (section <c>Erp:Outbound:ServiceBus</c>).</summary>
public sealed class ServiceBusChannelOptions
{
    /// <summary>The namespace host name (<c>name.servicebus.windows.net</c>), reached with DefaultAzureCredential (managed identity in Azure).</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>A connection string instead of the identity, for development only (the Azure namespace has local auth off).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The topic; it must have duplicate detection on, so that a re-sent completion (same message id) is dropped.</summary>
    public string TopicName { get; set; } = "erp-completions";
}
