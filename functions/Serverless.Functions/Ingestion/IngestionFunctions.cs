using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Serverless.App.Ingestion;
using Serverless.App.Storage;
using Serverless.Functions.Durable;

namespace Serverless.Functions.Ingestion;

/// <summary>
/// The two non-HTTP entries. Paths and queue names are the defaults of <see cref="StorageNames"/>: trigger attributes
/// are fixed at build time, so <c>App:IncomingContainer</c> and <c>App:ErpInboundQueue</c> must stay at their defaults here.
/// </summary>
internal sealed class IngestionFunctions(DurableClientAccessor durable)
{
    /// <summary>A blob created in <c>incoming/{tenant}/…</c>, announced by Event Grid: one workflow per content version.</summary>
    [Function(nameof(IncomingBlob))]
    public async Task IncomingBlob(
        [BlobTrigger(StorageNames.IncomingContainer + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = StorageOptions.ConnectionSettingName)]
        BlobClient blob,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(context);
        durable.Use(client);
        var ingestor = context.InstanceServices.GetRequiredService<BlobIngestor>();
        await ingestor.IngestAsync(blob.BlobContainerName, blob.Name, context.CancellationToken);
    }

    /// <summary>
    /// A CloudEvents 1.0 message from an ERP. A message that fails (rejected, or its blob not there yet) is retried by
    /// the host and, after host.json's <c>maxDequeueCount</c>, moved to <c>erp-inbound-poison</c>.
    /// </summary>
    [Function(nameof(ErpInbound))]
    public async Task ErpInbound(
        [QueueTrigger(StorageNames.ErpInboundQueue, Connection = StorageOptions.ConnectionSettingName)] string message,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        durable.Use(client);
        var handler = context.InstanceServices.GetRequiredService<ErpInboundHandler>();
        await handler.HandleAsync(message, context.CancellationToken);
    }
}
