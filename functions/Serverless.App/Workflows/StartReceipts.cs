using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.App.Storage;

namespace Serverless.App.Workflows;

/// <summary>
/// Decides which delivery of a start request starts the workflow, so that duplicates (in one batch, on two
/// hosts) start it once and log "started" once: a receipt row (partition = tenant, row = the request's key)
/// is inserted conditionally; the winner starts. A loser reports the instance as already started when it
/// exists; when it does not yet, the winner is still starting it, so the loser retries later (transient),
/// unless the receipt is older than <see cref="TakeoverAfter"/>: its holder died between receipt and start,
/// and the loser takes the receipt over (an ETag-conditional update, so one loser wins) and starts it.
/// </summary>
internal sealed class StartReceipts(StorageClients clients, IOptions<AppOptions> options, WorkflowService workflows, TimeProvider time)
{
    public static readonly TimeSpan TakeoverAfter = TimeSpan.FromMinutes(1);

    private static readonly string Owner = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>True when this call started the workflow, false when another delivery did.</summary>
    /// <exception cref="StartInProgressException">Another delivery holds the receipt and is starting it now: retry later.</exception>
    public async Task<bool> StartOnceAsync(string tenant, string key, string instanceId, DocumentRef document, CancellationToken cancellationToken)
    {
        var receipts = clients.Tables.GetTableClient(options.Value.BlobReceiptsTable);
        var receipt = new TableEntity(tenant, key)
        {
            ["InstanceId"] = instanceId,
            ["StartedBy"] = Owner,
            ["StartedAt"] = time.GetUtcNow(),
        };
        try
        {
            await receipts.AddEntityAsync(receipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            if (await workflows.ExistsAsync(instanceId, cancellationToken))
            {
                return false;
            }

            var held = (await receipts.GetEntityAsync<TableEntity>(tenant, key, cancellationToken: cancellationToken)).Value;
            if (held.GetDateTimeOffset("StartedAt") is { } startedAt && time.GetUtcNow() - startedAt < TakeoverAfter)
            {
                throw new StartInProgressException($"Workflow {instanceId} is being started by {held.GetString("StartedBy")}; retrying later.");
            }

            try
            {
                await receipts.UpdateEntityAsync(receipt, held.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException lost) when (lost.Status == 412)
            {
                throw new StartInProgressException($"Workflow {instanceId} was taken over by another delivery; retrying later.", lost);
            }
        }

        try
        {
            await workflows.StartAsync(instanceId, document, cancellationToken);
        }
        catch
        {
            // Give the receipt back so that the next delivery starts it at once.
            await receipts.DeleteEntityAsync(tenant, key, ETag.All, CancellationToken.None);
            throw;
        }

        return true;
    }
}
