using System.Collections.Concurrent;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

using Serverless.App;
using Serverless.App.Ingestion;
using Serverless.App.Rejections;
using Serverless.App.Storage;

namespace Serverless.LocalHost.Ingestion;

/// <summary>
/// Local host mode's blob trigger: lists the incoming container on an interval and hands every
/// blob version it has not seen to <see cref="BlobIngestor"/>. The seen set only saves work: the
/// receipts in storage decide, so restarts and several app instances still start each version once.
/// The container is listed one tenant folder at a time: a folder whose listing fails (Azurite answers
/// 500 for a folder holding a blob whose name has a NUL) is backed off and reported in <c>/healthz</c>
/// (<see cref="IntakeListingHealth"/>), and the other tenants' drops go on starting. When the top-level
/// listing fails, the folders known from the last good one are listed.
/// </summary>
internal sealed partial class BlobWatcher(
    BlobIngestor ingestor, StorageClients clients, IntakeListingHealth health, IOptions<AppOptions> options, TimeProvider time, ILogger<BlobWatcher> logger)
    : BackgroundService
{
    /// <summary>The name <see cref="IntakeListingHealth"/> reports for the container's top level.</summary>
    public const string TopLevel = "/";

    private readonly ConcurrentDictionary<string, string> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _folders = new(StringComparer.Ordinal);

    /// <summary>Looks at the container once; returns how many blob versions were handed on.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var container = clients.Blobs.GetBlobContainerClient(options.Value.IncomingContainer);
        var handed = 0;
        if (health.IsDue(TopLevel))
        {
            try
            {
                await foreach (var item in container.GetBlobsByHierarchyAsync(new GetBlobsByHierarchyOptions { Delimiter = "/" }, cancellationToken))
                {
                    if (item.IsPrefix)
                    {
                        _folders[item.Prefix] = true;
                    }
                    else if (await HandAsync(container, item.Blob, cancellationToken))
                    {
                        handed++;
                    }
                }

                health.Succeeded(TopLevel);
            }
            catch (Exception ex) when (IsListingFailure(ex))
            {
                var failure = health.Failed(TopLevel, ex, options.Value.WatchInterval);
                LogListingFailed(ex, TopLevel, failure.Count, failure.NextAttempt);
            }
        }

        foreach (var folder in _folders.Keys)
        {
            if (!health.IsDue(folder))
            {
                continue;
            }

            try
            {
                await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = folder }, cancellationToken))
                {
                    if (await HandAsync(container, item, cancellationToken))
                    {
                        handed++;
                    }
                }

                health.Succeeded(folder);
            }
            catch (Exception ex) when (IsListingFailure(ex))
            {
                // This folder only: the other tenants' drops are listed as usual.
                var failure = health.Failed(folder, ex, options.Value.WatchInterval);
                LogListingFailed(ex, LogText.Escape(folder), failure.Count, failure.NextAttempt);
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

    /// <summary>What a listing can fail with: a storage error (500 and the like), or an answer the SDK cannot read
    /// (Azurite puts a NUL of a blob name into the XML as is, which no XML reader accepts).</summary>
    private static bool IsListingFailure(Exception ex) =>
        ex is Azure.RequestFailedException or System.Xml.XmlException or IOException or HttpRequestException or InvalidOperationException;

    private async Task<bool> HandAsync(BlobContainerClient container, BlobItem item, CancellationToken cancellationToken)
    {
        var etag = item.Properties.ETag?.ToString() ?? "";
        if (_seen.TryGetValue(item.Name, out var seenEtag) && seenEtag == etag)
        {
            return false;
        }

        try
        {
            await ingestor.IngestAsync(container.Name, item.Name, cancellationToken);
            _seen[item.Name] = etag;
            return true;
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or IOException)
        {
            // One failing blob must not hold up the others; it is tried again on the next scan.
            LogBlobFailed(ex, LogText.Escape(item.Name));
            return false;
        }
    }

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Ingesting blob {BlobName} failed; retrying on the next scan")]
    private partial void LogBlobFailed(Exception exception, string blobName);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Scanning the incoming container failed; retrying on the next tick")]
    private partial void LogScanFailed(Exception exception);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Listing folder {Folder} of the incoming container failed ({Failures} in a row); next attempt at {NextAttempt}")]
    private partial void LogListingFailed(Exception exception, string folder, int failures, DateTimeOffset nextAttempt);
}
