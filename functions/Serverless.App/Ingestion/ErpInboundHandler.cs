using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.Extensions.Options;
using Serverless.App.Workflows;

namespace Serverless.App.Ingestion;

/// <summary>
/// The ERP entry: a CloudEvents 1.0 structured JSON message on <c>erp-inbound</c> whose data names a
/// blob in <c>incoming/{tenant}/</c> starts the document workflow; its completion goes to
/// <c>erp-outbound</c> (<see cref="Serverless.Pipeline.Notifications.ErpCompletionNotifier"/>). The instance id is derived from the event's
/// source and id, so a redelivered or re-sent event reaches the same workflow.
/// </summary>
internal sealed partial class ErpInboundHandler(UploadStore uploads, WorkflowService workflows, IOptions<AppOptions> options, ILogger<ErpInboundHandler> logger)
{
    private static readonly ContentType CloudEventsJson = new("application/cloudevents+json");

    /// <summary>Starts (or finds) the workflow of one message; returns its instance id.</summary>
    /// <exception cref="ErpMessageRejectedException">The message can never start a workflow.</exception>
    /// <exception cref="InvalidOperationException">The blob is not there (yet): the message is retried.</exception>
    public async Task<string> HandleAsync(string messageText, CancellationToken cancellationToken)
    {
        var cloudEvent = Decode(messageText);
        var data = Data(cloudEvent);
        if (!BlobPaths.IsValidTenant(data.Tenant))
        {
            throw new ErpMessageRejectedException("data.tenant is missing or not a valid tenant id.");
        }

        if (BlobPaths.ValidateRelativePath(data.BlobName) is { } nameError)
        {
            throw new ErpMessageRejectedException($"data.blobName: {nameError}");
        }

        if (data.CallbackUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            throw new ErpMessageRejectedException("data.callbackUrl must be an absolute http or https URL.");
        }

        var blob = uploads.Incoming(data.Tenant!, data.BlobName!);
        var version = await BlobVersion.ReadAsync(blob, cancellationToken)
            ?? throw new InvalidOperationException($"No blob '{data.BlobName}' in the tenant's incoming folder (yet).");
        if (version.ContentType is null)
        {
            throw new ErpMessageRejectedException("The blob is empty or not a supported document type.");
        }

        var instanceId = WorkflowIds.ForIdempotencyKey(data.Tenant!, $"erp|{cloudEvent.Source}|{cloudEvent.Id}");
        await workflows.StartAsync(instanceId, new DocumentRef(data.Tenant!, blob.BlobContainerName, blob.Name, version.Sha256, version.ContentType)
        {
            Confidential = data.Confidential,
            FileName = data.FileName,
            CallbackUrl = data.CallbackUrl,
            ReplyQueue = options.Value.ErpOutboundQueue,
            CorrelationId = cloudEvent.Id,
        }, cancellationToken);
        LogStarted(logger, cloudEvent.Id!, instanceId);
        return instanceId;
    }

    private static CloudEvent Decode(string messageText)
    {
        try
        {
            var cloudEvent = new JsonEventFormatter().DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(messageText), CloudEventsJson, extensionAttributes: null);
            return cloudEvent.IsValid ? cloudEvent : throw new ErpMessageRejectedException("The CloudEvent lacks a required attribute (id, source, type).");
        }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            throw new ErpMessageRejectedException($"The message is not a CloudEvents 1.0 JSON event: {e.Message}", e);
        }
    }

    private static ErpDocumentEvent Data(CloudEvent cloudEvent)
    {
        try
        {
            return cloudEvent.Data is JsonElement { ValueKind: JsonValueKind.Object } element
                ? element.Deserialize(ErpJson.Default.ErpDocumentEvent) ?? throw new ErpMessageRejectedException("The event has no data.")
                : throw new ErpMessageRejectedException("The event's data must be a JSON object {tenant, blobName, confidential?, fileName?, callbackUrl?}.");
        }
        catch (JsonException e)
        {
            throw new ErpMessageRejectedException("The event's data does not match {tenant, blobName, confidential?, fileName?, callbackUrl?}.", e);
        }
    }

    [LoggerMessage(4101, LogLevel.Information, "ERP event {EventId} started workflow {InstanceId}")]
    private static partial void LogStarted(ILogger logger, string eventId, string instanceId);
}
