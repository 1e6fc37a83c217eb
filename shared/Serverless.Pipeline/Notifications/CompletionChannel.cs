namespace Serverless.Pipeline.Notifications;

/// <summary>Where completions of ERP-started workflows go.</summary>
public enum CompletionChannel
{
    /// <summary>The Storage queue the request named (<c>erp-outbound</c> by default): the local default.</summary>
    StorageQueue,

    /// <summary>One Service Bus topic (<see cref="ServiceBusChannelOptions"/>): what the Azure deployment uses.</summary>
    ServiceBus,
}
