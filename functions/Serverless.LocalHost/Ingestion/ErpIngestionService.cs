using Microsoft.Extensions.Options;
using Serverless.LocalHost.Queues;
using Serverless.App.Storage;

using Serverless.App;
using Serverless.App.Ingestion;

namespace Serverless.LocalHost.Ingestion;

/// <summary>Local host mode's ERP entry: a queue listener (Functions semantics, poison after the last attempt) on <c>erp-inbound</c>.</summary>
internal sealed class ErpIngestionService(
    ErpInboundHandler handler, StorageClients clients, IOptions<AppOptions> options, TimeProvider time, ILogger<ErpIngestionService> logger)
    : BackgroundService
{
    public QueueListener CreateListener() =>
        new(clients.Queues, options.Value.ErpInboundQueue, (m, ct) => handler.HandleAsync(m.Text, m.InsertedOn, ct), options.Value, time, logger);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value is { Workflow: WorkflowKind.DocumentPipeline } ? CreateListener().RunAsync(stoppingToken) : Task.CompletedTask;
}
