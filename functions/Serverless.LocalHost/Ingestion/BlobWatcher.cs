using System.Collections.Concurrent;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

using Serverless.App;
using Serverless.App.Ingestion;
using Serverless.App.Storage;

namespace Serverless.LocalHost.Ingestion;

/// <summary>
/// Local host mode's blob trigger: lists the incoming container on an interval and hands every
/// blob version it has not seen to <see cref="BlobIngestor"/>. The seen set only saves work: the
/// receipts in storage decide, so restarts and several app instances still start each version once.
/// </summary>
internal sealed partial class BlobWatcher(
    BlobIngestor ingestor, StorageClients clients, IOptions<AppOptions> options, TimeProvider time, ILogger<BlobWatcher> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, string> _seen = new(StringComparer.Ordinal);

    /// <summary>Looks at the container once; returns how many blob versions were handed on.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var container = clients.Blobs.GetBlobContainerClient(options.Value.IncomingContainer);
        var handed = 0;
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions(), cancellationToken))
        {
            var etag = item.Properties.ETag?.ToString() ?? "";
            if (_seen.TryGetValue(item.Name, out var seenEtag) && seenEtag == etag)
            {
                continue;
            }

            try
            {
                await ingestor.IngestAsync(container.Name, item.Name, cancellationToken);
                _seen[item.Name] = etag;
                handed++;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or IOException)
            {
                // One failing blob must not hold up the others; it is tried again on the next scan.
                LogBlobFailed(ex, item.Name);
            }
        }

        return handed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value is not { Ingestion: IngestionMode.Watcher })
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.WatchInterval, time);
        do
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogScanFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Ingesting blob {BlobName} failed; retrying on the next scan")]
    private partial void LogBlobFailed(Exception exception, string blobName);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Scanning the incoming container failed; retrying on the next tick")]
    private partial void LogScanFailed(Exception exception);
}
