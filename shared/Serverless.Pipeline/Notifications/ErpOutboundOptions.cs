namespace Serverless.Pipeline.Notifications;

/// <summary>How completions of ERP-started workflows leave the app (section <see cref="SectionName"/>); validated at start.</summary>
public sealed class ErpOutboundOptions
{
    public const string SectionName = "Erp:Outbound";

    /// <summary><see cref="CompletionChannel.StorageQueue"/> (default) or <see cref="CompletionChannel.ServiceBus"/>.</summary>
    public CompletionChannel Channel { get; set; } = CompletionChannel.StorageQueue;

    /// <summary>The table that records which completions went out (<see cref="CompletionLedger"/>), in the app's storage account.</summary>
    [System.ComponentModel.DataAnnotations.RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Erp:Outbound:CompletionsTable must be a valid table name.")]
    public string CompletionsTable { get; set; } = "ErpCompletions";

    /// <summary>The topic when <see cref="Channel"/> is <see cref="CompletionChannel.ServiceBus"/>.</summary>
    public ServiceBusChannelOptions ServiceBus { get; set; } = new();
}
