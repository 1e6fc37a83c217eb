using Azure;
using Azure.Data.Tables;

namespace Serverless.Pipeline.Caching;

/// <summary>
/// Content hash -> workflow and result, per tenant (a table: partition = tenant, row = hash). The first
/// claim of a hash wins atomically (insert, 409 for the others), so the same bytes uploaded twice, even
/// at once, start one billed run; the second caller gets the first one's workflow id and, once it is
/// complete, its result.
/// </summary>
public sealed class DocumentRegistry(PipelineStorage storage, TimeProvider time)
{
    /// <summary>Claims <paramref name="contentHash"/> for <paramref name="workflowId"/>. Returns (true, the new registration) or (false, the existing one).</summary>
    public async Task<(bool Claimed, DocumentRegistration Registration)> ClaimAsync(string tenant, string contentHash, string workflowId, CancellationToken cancellationToken)
    {
        var table = await storage.RegistryTableAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(TenantId.Validate(tenant), Checked(contentHash))
        {
            ["WorkflowId"] = workflowId,
            ["RegisteredAt"] = time.GetUtcNow(),
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return (true, ToRegistration(entity));
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await GetAsync(tenant, contentHash, cancellationToken).ConfigureAwait(false);
            return existing is null
                ? await ClaimAsync(tenant, contentHash, workflowId, cancellationToken).ConfigureAwait(false)
                : (false, existing);
        }
    }

    public async Task<DocumentRegistration?> GetAsync(string tenant, string contentHash, CancellationToken cancellationToken)
    {
        var table = await storage.RegistryTableAsync(cancellationToken).ConfigureAwait(false);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(TenantId.Validate(tenant), Checked(contentHash), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? ToRegistration(found.Value!) : null;
    }

    /// <summary>Records where the result of the claiming workflow is (idempotent).</summary>
    public async Task CompleteAsync(string tenant, string contentHash, string workflowId, string resultBlob, CancellationToken cancellationToken)
    {
        var table = await storage.RegistryTableAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(TenantId.Validate(tenant), Checked(contentHash)) { ["WorkflowId"] = workflowId, ["ResultBlob"] = resultBlob };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives up a claim (the workflow failed), so that the same bytes can be processed again; only the claiming workflow can release it.</summary>
    public async Task<bool> ReleaseAsync(string tenant, string contentHash, string workflowId, CancellationToken cancellationToken)
    {
        var table = await storage.RegistryTableAsync(cancellationToken).ConfigureAwait(false);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(TenantId.Validate(tenant), Checked(contentHash), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || found.Value!.GetString("WorkflowId") != workflowId)
        {
            return false;
        }

        try
        {
            await table.DeleteEntityAsync(found.Value.PartitionKey, found.Value.RowKey, found.Value.ETag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    private static string Checked(string hash) =>
        ContentHash.IsValid(hash) ? hash : throw new ArgumentException("The content hash must be 64 lower-case hex characters.", nameof(hash));

    private static DocumentRegistration ToRegistration(TableEntity e) =>
        new(e.PartitionKey, e.RowKey, e.GetString("WorkflowId"), e.GetString("ResultBlob"), e.GetDateTimeOffset("RegisteredAt") ?? default);
}
