using Microsoft.Extensions.Options;

namespace Serverless.App.Storage;

/// <summary>
/// Creates the app's containers, queues and tables (idempotent). It tries once before the app
/// serves; if storage is unreachable then, the app still starts (so /healthz can say why) and this
/// keeps trying in the background until it succeeds.
/// </summary>
internal sealed partial class StorageInitializer(
    StorageClients clients, IOptions<AppOptions> options, IOptions<Ingestion.ErpInboundOptions> erp, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<StorageInitializer> logger)
    : IHostedService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryCreateAsync(cancellationToken))
        {
            _ = RetryAsync(lifetime.ApplicationStopping);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(RetryInterval, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            if (!cancellationToken.IsCancellationRequested && await TryCreateAsync(cancellationToken))
            {
                return;
            }
        }
    }

    private async Task<bool> TryCreateAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        try
        {
            // The ERP sources' document containers (claim check) too, each once.
            var erpContainers = erp.Value.Sources.Values.Select(s => s.Container).Distinct(StringComparer.Ordinal)
                .Select(c => (Task)clients.Blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            await Task.WhenAll([.. erpContainers,
                clients.Blobs.GetBlobContainerClient(o.IncomingContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken),
                clients.Tables.CreateTableIfNotExistsAsync(o.RejectionsTable, cancellationToken),
                clients.Blobs.GetBlobContainerClient(o.UploadsContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken),
                clients.Queues.GetQueueClient(o.BlobEventsQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken),
                clients.Tables.CreateTableIfNotExistsAsync(o.BlobReceiptsTable, cancellationToken),
                clients.Tables.CreateTableIfNotExistsAsync(o.ApiKeysTable, cancellationToken)]);
            return true;
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or AggregateException or HttpRequestException)
        {
            LogCreateFailed(ex, RetryInterval.TotalSeconds);
            return false;
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Creating the app's storage resources failed; retrying every {Seconds} s")]
    private partial void LogCreateFailed(Exception exception, double seconds);
}
