using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.App.Rejections;
using Serverless.App.Storage;
using Serverless.App.Workflows;

using Serverless.App.Telemetry;

namespace Serverless.App.Ingestion;

/// <summary>
/// Starts one workflow per blob content version, however many times and from however many app
/// instances a blob is seen. The version is the SHA-256 of the content: a receipt row keyed by
/// (tenant, SHA-256) is created with a conditional insert (409 when present), and the winner
/// starts the workflow under an id derived from the same hash. A loser that finds no instance
/// (the winner died in between) starts it itself: starts under one id are idempotent in the engine.
/// A blob whose name or content can never start a workflow is recorded in the rejections table (entry
/// <c>blob-drop</c>) and logged with its name escaped (<see cref="LogText"/>): names are untrusted input.
/// </summary>
internal sealed partial class BlobIngestor(
    StorageClients clients, IOptions<AppOptions> options, WorkflowService workflows, RejectionStore rejections, TimeProvider time, ILogger<BlobIngestor> logger)
{
    private static readonly string Owner = $"{Environment.MachineName}:{Environment.ProcessId}";

    public async Task<IngestOutcome> IngestAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        // The root of the document's trace: the engine carries it into the workflow.
        using var span = ServerlessTelemetry.StartIntake("blob");
        if (container != options.Value.IncomingContainer)
        {
            return Ignore(container, blobName, "The blob is not in the incoming container.");
        }

        if (!BlobPaths.TryGetTenant(blobName, out var tenant, out _))
        {
            return await RejectAsync(container, blobName, cancellationToken);
        }

        var blob = clients.Blobs.GetBlobContainerClient(container).GetBlobClient(blobName);
        var version = await BlobVersion.ReadAsync(blob, cancellationToken);
        if (version is null)
        {
            return Ignore(container, blobName, "The blob was deleted before it was read.");
        }

        if (version.ContentType is null)
        {
            const string unsupported = "The content is empty or not a supported document type.";
            await rejections.RecordAsync(tenant, RejectionEntries.BlobDrop, blobName, RejectionCodes.UnsupportedContent, unsupported, version.ETag.ToString(), cancellationToken);
            return Ignore(container, blobName, unsupported);
        }

        var (sha256, etag, contentType) = (version.Sha256, version.ETag.ToString(), version.ContentType);
        var displayName = LogText.Escape(blobName);
        var instanceId = WorkflowIds.ForContent(tenant, sha256);
        var receipts = clients.Tables.GetTableClient(options.Value.BlobReceiptsTable);
        var receipt = new TableEntity(tenant, sha256)
        {
            ["Container"] = container,
            ["BlobName"] = blobName,
            ["ETag"] = etag,
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
            // Another sighting holds the receipt. Should its holder have died between the receipt and
            // the start, start it now: the id is the same, so racing starts reach one instance.
            if (await workflows.ExistsAsync(instanceId, cancellationToken))
            {
                LogAlreadyStarted(instanceId, container, displayName);
                return new IngestOutcome(IngestResult.AlreadyStarted, instanceId);
            }

            await workflows.StartAsync(instanceId, new DocumentRef(tenant, container, blobName, sha256, contentType) { Entry = DocumentEntries.Blob }, cancellationToken);
            LogRecovered(instanceId, container, displayName);
            return new IngestOutcome(IngestResult.AlreadyStarted, instanceId);
        }

        try
        {
            await workflows.StartAsync(instanceId, new DocumentRef(tenant, container, blobName, sha256, contentType) { Entry = DocumentEntries.Blob }, cancellationToken);
        }
        catch
        {
            // Give the version back so that the next sighting (here or on another instance) starts it.
            await receipts.DeleteEntityAsync(tenant, sha256, ETag.All, CancellationToken.None);
            throw;
        }

        LogStarted(instanceId, container, displayName, etag);
        ServerlessTelemetry.Started("blob", span, instanceId);
        return new IngestOutcome(IngestResult.Started, instanceId);
    }

    /// <summary>Ingests every blob an Event Grid message announces (local listener and Functions queue trigger alike).</summary>
    public async Task<IReadOnlyList<IngestOutcome>> IngestEventAsync(string messageText, CancellationToken cancellationToken)
    {
        var outcomes = new List<IngestOutcome>();
        foreach (var (container, blobName) in BlobCreatedEvent.Parse(messageText))
        {
            outcomes.Add(await IngestAsync(container, blobName, cancellationToken));
        }

        return outcomes;
    }

    /// <summary>A name outside any tenant folder, or one the naming rules (<see cref="BlobPaths"/>) refuse: recorded for the tenant whose folder it is in, if any.</summary>
    private async Task<IngestOutcome> RejectAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        var folder = slash > 0 ? blobName[..slash] : null;
        var tenant = BlobPaths.IsValidTenant(folder) ? folder : null;
        var (code, reason) = tenant is null
            ? (RejectionCodes.OutsideTenantFolder, "The blob is not below a valid tenant folder (incoming/{tenant}/…).")
            : (RejectionCodes.InvalidName, BlobPaths.ValidateRelativePath(blobName[(slash + 1)..]) ?? "The blob name is not allowed.");
        await rejections.RecordAsync(tenant, RejectionEntries.BlobDrop, blobName, code, reason, reference: null, cancellationToken);
        return Ignore(container, blobName, reason);
    }

    private IngestOutcome Ignore(string container, string blobName, string reason)
    {
        LogIgnored(container, LogText.Escape(blobName), reason);
        return new IngestOutcome(IngestResult.Ignored, null, reason);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Started workflow {InstanceId} for blob {Container}/{BlobName} (ETag {ETag})")]
    private partial void LogStarted(string instanceId, string container, string blobName, string eTag);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Workflow {InstanceId} for blob {Container}/{BlobName} was already started")]
    private partial void LogAlreadyStarted(string instanceId, string container, string blobName);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Workflow {InstanceId} for blob {Container}/{BlobName} had a receipt but no instance; started it")]
    private partial void LogRecovered(string instanceId, string container, string blobName);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Ignored blob {Container}/{BlobName}: {Reason}")]
    private partial void LogIgnored(string container, string blobName, string reason);
}
