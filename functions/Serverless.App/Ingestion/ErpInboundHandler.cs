using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.Extensions.Options;
using Serverless.App.Rejections;
using Serverless.App.Storage;
using Serverless.App.Workflows;

using Serverless.App.Telemetry;

namespace Serverless.App.Ingestion;

/// <summary>
/// The ERP entry: a CloudEvents 1.0 structured JSON message on <c>erp-inbound</c>, valid against
/// <c>schemas/erp-document-requested.v1.json</c>, from a source mapped to a tenant (<c>Erp:Sources</c>), whose
/// data names a blob in that source's container and prefix. It starts the document workflow once (the
/// instance id is derived from the event's source and id, and <see cref="StartReceipts"/> lets one delivery
/// of duplicates start it); the completion goes to the source's reply queue
/// (<see cref="Serverless.Pipeline.Notifications.ErpCompletionNotifier"/>).
/// An event that can never start a workflow throws <see cref="PermanentRejectionException"/> (recorded in the
/// rejections table; a queue trigger poisons it at once); anything else thrown is transient.
/// </summary>
internal sealed partial class ErpInboundHandler(
    StorageClients clients,
    StartReceipts starts,
    ErpSourceMap sources,
    RejectionStore rejections,
    IOptions<AppOptions> options,
    IOptions<ErpInboundOptions> erp,
    TimeProvider time,
    ILogger<ErpInboundHandler> logger)
{
    private static readonly ContentType CloudEventsJson = new("application/cloudevents+json");

    /// <summary>Starts (or finds) the workflow of one message.</summary>
    /// <param name="messageText">The queue message's text.</param>
    /// <param name="enqueuedAt">When the message was first enqueued (the queue trigger's <c>InsertionTime</c>); a blob still missing
    /// <see cref="ErpInboundOptions.BlobGracePeriod"/> after it is a permanent rejection. Null: retried until the queue gives up.</param>
    /// <param name="cancellationToken">Cancels the storage and engine calls.</param>
    /// <exception cref="PermanentRejectionException">The message can never start a workflow: poison it now.</exception>
    public async Task<IngestOutcome> HandleAsync(string messageText, DateTimeOffset? enqueuedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        using var span = ServerlessTelemetry.StartIntake("erp");
        string? tenant = null;
        string? name = null;
        string? reference = null;
        try
        {
            var cloudEvent = Decode(messageText);
            reference = $"{cloudEvent.Source} {cloudEvent.Id}";
            var data = Data(cloudEvent);
            name = data.BlobName;
            var source = sources.Find(cloudEvent.Source!.ToString())
                ?? throw new PermanentRejectionException(RejectionCodes.UnknownSource, $"The source '{cloudEvent.Source}' is not mapped to a tenant (Erp:Sources).");
            tenant = source.Tenant;
            if (data.Tenant is { } claimed && claimed != source.Tenant)
            {
                throw new PermanentRejectionException(RejectionCodes.TenantMismatch, $"data.tenant '{claimed}' is not the tenant this source is mapped to.");
            }

            if (BlobPaths.ValidateRelativePath(data.BlobName) is { } nameError)
            {
                throw new PermanentRejectionException(RejectionCodes.InvalidName, $"data.blobName: {nameError}");
            }

            if (data.FileName is { } fileName && BlobPaths.ValidateFileName(fileName) is { } fileError)
            {
                throw new PermanentRejectionException(RejectionCodes.InvalidName, $"data.fileName: {fileError}");
            }

            if (data.CallbackUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            {
                throw new PermanentRejectionException(RejectionCodes.SchemaViolation, "data.callbackUrl must be an absolute http or https URL.");
            }

            return await StartAsync(cloudEvent, data, source, enqueuedAt, cancellationToken);
        }
        catch (PermanentRejectionException rejection)
        {
            await rejections.RecordAsync(tenant, RejectionEntries.Erp, name, rejection.Code, rejection.Message, reference, cancellationToken);
            LogRejected(logger, LogText.Escape(reference), rejection.Code, LogText.Escape(rejection.Message));
            throw;
        }
    }

    private async Task<IngestOutcome> StartAsync(CloudEvent cloudEvent, ErpDocumentEvent data, ErpSourceOptions source, DateTimeOffset? enqueuedAt, CancellationToken cancellationToken)
    {
        var blob = clients.Blobs.GetBlobContainerClient(source.Container).GetBlobClient(source.EffectivePrefix + data.BlobName);
        var version = await BlobVersion.ReadAsync(blob, cancellationToken);
        if (version is null)
        {
            if (enqueuedAt is { } since && time.GetUtcNow() - since >= erp.Value.BlobGracePeriod)
            {
                throw new PermanentRejectionException(
                    RejectionCodes.BlobMissing,
                    $"No blob '{blob.Name}' in container {source.Container} {erp.Value.BlobGracePeriod.TotalSeconds:0} s after the event was enqueued (upload the document before sending the event).");
            }

            throw new InvalidOperationException($"No blob '{blob.Name}' in container {source.Container} (yet); retrying.");
        }

        if (version.ContentType is null)
        {
            throw new PermanentRejectionException(RejectionCodes.UnsupportedContent, "The blob is empty or not a supported document type.");
        }

        var key = $"erp|{cloudEvent.Source}|{cloudEvent.Id}";
        var instanceId = WorkflowIds.ForIdempotencyKey(source.Tenant, key);
        var document = new DocumentRef(source.Tenant, blob.BlobContainerName, blob.Name, version.Sha256, version.ContentType)
        {
            // The source's default is a floor: an event can ask for more protection, never for less.
            Confidential = source.Confidential || data.Confidential,
            FileName = data.FileName,
            CallbackUrl = data.CallbackUrl,
            ReplyQueue = source.ReplyQueue ?? options.Value.ErpOutboundQueue,
            CorrelationId = cloudEvent.Id,
            Entry = DocumentEntries.Erp,
        };
        if (await starts.StartOnceAsync(source.Tenant, instanceId[(source.Tenant.Length + 1)..], instanceId, document, cancellationToken))
        {
            LogStarted(logger, LogText.Escape(cloudEvent.Id), instanceId);
            ServerlessTelemetry.Started("erp", System.Diagnostics.Activity.Current, instanceId);
            return new IngestOutcome(IngestResult.Started, instanceId);
        }

        LogAlreadyStarted(logger, LogText.Escape(cloudEvent.Id), instanceId);
        return new IngestOutcome(IngestResult.AlreadyStarted, instanceId);
    }

    private static CloudEvent Decode(string messageText)
    {
        var bytes = Encoding.UTF8.GetBytes(messageText);
        if (bytes.Length > ErpEventSchema.MaxMessageBytes)
        {
            throw new PermanentRejectionException(
                RejectionCodes.TooLarge, $"The message has {bytes.Length} bytes; at most {ErpEventSchema.MaxMessageBytes} (send a blob reference, not the document).");
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new PermanentRejectionException(RejectionCodes.InvalidJson, $"The message is not JSON: {e.Message}", e);
        }

        using (json)
        {
            var errors = ErpEventSchema.Validate(json.RootElement);
            if (errors.Count > 0)
            {
                throw new PermanentRejectionException(
                    RejectionCodes.SchemaViolation, $"The event does not match {ErpEventSchema.EventType} (GET /api/v1/schemas/erp-inbound): {string.Join("; ", errors.Take(5))}");
            }
        }

        try
        {
            var cloudEvent = new JsonEventFormatter().DecodeStructuredModeMessage(bytes, CloudEventsJson, extensionAttributes: null);
            return cloudEvent.IsValid ? cloudEvent : throw new PermanentRejectionException(RejectionCodes.InvalidEvent, "The CloudEvent lacks a required attribute (id, source, type).");
        }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            throw new PermanentRejectionException(RejectionCodes.InvalidEvent, $"The message is not a CloudEvents 1.0 JSON event: {e.Message}", e);
        }
    }

    private static ErpDocumentEvent Data(CloudEvent cloudEvent)
    {
        try
        {
            return cloudEvent.Data is JsonElement { ValueKind: JsonValueKind.Object } element
                ? element.Deserialize(ErpJson.Default.ErpDocumentEvent) ?? throw new PermanentRejectionException(RejectionCodes.SchemaViolation, "The event has no data.")
                : throw new PermanentRejectionException(RejectionCodes.SchemaViolation, "The event's data must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new PermanentRejectionException(RejectionCodes.SchemaViolation, "The event's data does not match the schema.", e);
        }
    }

    [LoggerMessage(4101, LogLevel.Information, "ERP event {EventId} started workflow {InstanceId}")]
    private static partial void LogStarted(ILogger logger, string eventId, string instanceId);

    [LoggerMessage(4102, LogLevel.Debug, "ERP event {EventId}: workflow {InstanceId} was already started by another delivery")]
    private static partial void LogAlreadyStarted(ILogger logger, string eventId, string instanceId);

    [LoggerMessage(4103, LogLevel.Warning, "ERP event {Reference} rejected ({Code}): {Reason}")]
    private static partial void LogRejected(ILogger logger, string reference, string code, string reason);
}
