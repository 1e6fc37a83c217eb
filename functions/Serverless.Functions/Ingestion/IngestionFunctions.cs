using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using Serverless.App.Ingestion;
using Serverless.App.Rejections;
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
    /// A CloudEvents 1.0 message from an ERP. A message that can never succeed (invalid JSON, schema violation, unknown
    /// source, invalid name, blob still missing after the grace period) goes to <c>erp-inbound-poison</c> at once with
    /// the reason envelope, as the local host's listener does; anything else that fails is retried by the host and,
    /// after host.json's <c>maxDequeueCount</c>, moved to the poison queue by the host.
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
        var enqueuedAt = context.BindingContext.BindingData.TryGetValue("InsertionTime", out var inserted)
            && DateTimeOffset.TryParse(inserted?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
        try
        {
            await handler.HandleAsync(message, enqueuedAt, context.CancellationToken);
        }
        catch (Exception e) when (DeliveryFailures.IsPermanent(e, out _))
        {
            var bindings = context.BindingContext.BindingData;
            await PoisonQueue.SendAsync(
                context.InstanceServices.GetRequiredService<StorageClients>().Queues,
                StorageNames.ErpInboundQueue,
                bindings.TryGetValue("Id", out var id) ? id?.ToString() ?? "" : "",
                bindings.TryGetValue("DequeueCount", out var count) && long.TryParse(count?.ToString(), CultureInfo.InvariantCulture, out var n) ? n : 1,
                message,
                e,
                context.InstanceServices.GetRequiredService<TimeProvider>(),
                context.CancellationToken);
        }
    }
}
