namespace Serverless.Pipeline.Notifications;

/// <summary>How completions of ERP-started workflows leave the app (section <see cref="SectionName"/>); validated at start.</summary>
public sealed class ErpOutboundOptions
{
    public const string SectionName = "Erp:Outbound";

    /// <summary><see cref="CompletionChannel.StorageQueue"/> (default) or <see cref="CompletionChannel.ServiceBus"/>.</summary>
    public CompletionChannel Channel { get; set; } = CompletionChannel.StorageQueue;

    /// <summary>The topic when <see cref="Channel"/> is <see cref="CompletionChannel.ServiceBus"/>.</summary>
    public ServiceBusChannelOptions ServiceBus { get; set; } = new();
}
