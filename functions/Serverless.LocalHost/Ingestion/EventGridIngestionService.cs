using Microsoft.Extensions.Options;
using Serverless.LocalHost.Queues;
using Serverless.App.Storage;

using Serverless.App;
using Serverless.App.Ingestion;

namespace Serverless.LocalHost.Ingestion;

/// <summary>Local host mode's Event Grid entry: a queue listener on the BlobCreated events queue.</summary>
internal sealed class EventGridIngestionService(
    BlobIngestor ingestor, StorageClients clients, IOptions<AppOptions> options, TimeProvider time, ILogger<EventGridIngestionService> logger)
    : BackgroundService
{
    public QueueListener CreateListener() =>
        new(clients.Queues, options.Value.BlobEventsQueue, (m, ct) => ingestor.IngestEventAsync(m.Text, ct), options.Value, time, logger);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value is { Ingestion: IngestionMode.EventGrid } ? CreateListener().RunAsync(stoppingToken) : Task.CompletedTask;
}
