using Azure;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.App.Storage;

namespace Serverless.App.Workflows;

/// <summary>
/// Retention, run by each host's timer: purges finished workflows (completed, failed, terminated) created more than
/// <see cref="AppOptions.RetentionDays"/> ago, and deletes blob receipts of that age whose blob is gone or has other
/// content now. A receipt whose blob is still there unchanged is kept: without it the next sighting of the blob
/// (the local blob watcher lists the container) would start its workflow again.
/// </summary>
internal sealed partial class Housekeeping(
    DurableTaskClient client, StorageClients clients, IOptions<AppOptions> options, TimeProvider time, ILogger<Housekeeping> logger)
{
    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public async Task<HousekeepingReport> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        // An explicit lower bound: the local engine's gRPC sidecar fails on a filter without CreatedFrom (NullReferenceException).
        var filter = new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.UnixEpoch, CreatedTo: cutoff, Statuses: Finished);
        var purged = await client.PurgeAllInstancesAsync(filter, cancellationToken);
        var receipts = await ExpireReceiptsAsync(cutoff, cancellationToken);
        LogDone(purged.PurgedInstanceCount, receipts, cutoff);
        return new HousekeepingReport(purged.PurgedInstanceCount, receipts);
    }

    private async Task<int> ExpireReceiptsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = clients.Tables.GetTableClient(options.Value.BlobReceiptsTable);
        var expired = 0;
        try
        {
            var filter = TableClient.CreateQueryFilter($"StartedAt lt {cutoff}");
            await foreach (var receipt in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (await IsBlobUnchangedAsync(receipt, cancellationToken))
                {
                    continue;
                }

                try
                {
                    await table.DeleteEntityAsync(receipt.PartitionKey, receipt.RowKey, receipt.ETag, cancellationToken);
                    expired++;
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                {
                    // Deleted or renewed by someone else meanwhile.
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No receipts table yet: nothing was ever ingested from a blob.
        }

        return expired;
    }

    private async Task<bool> IsBlobUnchangedAsync(TableEntity receipt, CancellationToken cancellationToken)
    {
        var container = receipt.GetString("Container");
        var blobName = receipt.GetString("BlobName");
        if (string.IsNullOrEmpty(container) || string.IsNullOrEmpty(blobName))
        {
            return false;
        }

        var blob = clients.Blobs.GetBlobContainerClient(container).GetBlobClient(blobName);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.ETag.ToString() == receipt.GetString("ETag");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Housekeeping purged {Instances} finished workflows and {Receipts} blob receipts created before {Cutoff}")]
    private partial void LogDone(int instances, int receipts, DateTimeOffset cutoff);
}
