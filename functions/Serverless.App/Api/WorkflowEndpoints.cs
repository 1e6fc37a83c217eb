using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask.Client;
using Serverless.App.Ingestion;
using Serverless.App.Rejections;
using Serverless.App.Security;
using Serverless.App.Telemetry;
using Serverless.App.Workflows;

namespace Serverless.App.Api;

/// <summary>
/// HTTP API v1: start a workflow (upload or existing blob), read its status, list, and manage it with
/// the Durable Functions verbs and payloads. Every route needs an API key and answers 404 for an
/// instance of another tenant.
/// </summary>
internal static class WorkflowEndpoints
{
    public const string RoutePrefix = "/api/v1/workflows";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ContinuationHeader = "x-ms-continuation-token";
    public const string FilePart = "file";
    public const string InstanceIdField = "instanceId";
    public const string HoldUntilEventField = "holdUntilEvent";
    public const string CallbackUrlField = "callbackUrl";

    private const int MaxPageSize = 1000;
    private const int StatusRetryAfterSeconds = 5;

    public static IEndpointRouteBuilder MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization()
            .RequireRateLimiting(SecurityExtensions.PerKeyPolicy);

        var workflows = api.MapGroup("/workflows").WithTags("workflows");
        workflows.MapPost("/", StartAsync).DisableAntiforgery().WithName("StartWorkflow")
            .WithSummary("Start a workflow from an uploaded file (multipart, part 'file') or from a blob in incoming/{tenant}/ (JSON {\"blobName\"}).");
        workflows.MapGet("/", ListAsync).WithName("ListWorkflows");
        workflows.MapGet("/{instanceId}", GetStatusAsync).WithName("GetWorkflowStatus");
        workflows.MapPost("/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync).WithName("RaiseWorkflowEvent");
        workflows.MapPost("/{instanceId}/terminate", (string instanceId, string? reason, HttpContext http, WorkflowService w, CancellationToken ct) =>
            ControlAsync(instanceId, http, w, (id, c) => w.TerminateAsync(id, reason, c), ct)).WithName("TerminateWorkflow");
        workflows.MapPost("/{instanceId}/suspend", (string instanceId, string? reason, HttpContext http, WorkflowService w, CancellationToken ct) =>
            ControlAsync(instanceId, http, w, (id, c) => w.SuspendAsync(id, reason, c), ct)).WithName("SuspendWorkflow");
        workflows.MapPost("/{instanceId}/resume", (string instanceId, string? reason, HttpContext http, WorkflowService w, CancellationToken ct) =>
            ControlAsync(instanceId, http, w, (id, c) => w.ResumeAsync(id, reason, c), ct)).WithName("ResumeWorkflow");
        workflows.MapPost("/{instanceId}/restart", RestartAsync).WithName("RestartWorkflow");
        workflows.MapDelete("/{instanceId}", PurgeAsync).WithName("PurgeWorkflow");

        api.MapPost("/admin/api-keys", CreateApiKeyAsync).RequireAuthorization(TenantClaims.AdminPolicy).WithTags("admin").WithName("CreateApiKey");
        return app;
    }

    private static async Task<IResult> StartAsync(
        HttpContext http, WorkflowService workflows, UploadStore uploads, IOptions<AppOptions> options, CancellationToken ct)
    {
        var limit = options.Value.MaxRequestBytes;
        if (http.Request.ContentLength > options.Value.MaxRequestBodyBytes)
        {
            // Refused from the header alone: the body is never read.
            return Problems.TooLarge(limit);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.Value.MaxRequestBodyBytes;
        }

        var tenant = http.User.GetTenant();
        var idempotencyKey = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (idempotencyKey.Length > 200)
        {
            return Problems.BadRequest("invalid-idempotency-key", $"{IdempotencyKeyHeader} is longer than 200 characters.");
        }

        try
        {
            if (http.Request.HasFormContentType)
            {
                return await StartFromUploadAsync(http, tenant, idempotencyKey, workflows, uploads, limit, ct);
            }

            if (http.Request.HasJsonContentType())
            {
                return await StartFromBlobAsync(http, tenant, idempotencyKey, workflows, uploads, ct);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge(limit);
        }
        catch (InvalidDataException)
        {
            // The form reader's own limits (multipart body length, part count, header size).
            return Problems.TooLarge(limit);
        }

        return Problems.UnsupportedType("Send multipart/form-data with a 'file' part, or application/json naming a blob: {\"blobName\": \"…\"}.");
    }

    private static async Task<IResult> StartFromUploadAsync(
        HttpContext http, string tenant, string idempotencyKey, WorkflowService workflows, UploadStore uploads, long limit, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile(FilePart);
        if (file is null)
        {
            return Problems.BadRequest("missing-file", $"The multipart body has no '{FilePart}' part.");
        }

        if (BlobPaths.ValidateFileName(file.FileName) is { } nameError)
        {
            await RecordUploadRejectionAsync(http, tenant, file.FileName, RejectionCodes.InvalidName, nameError, ct);
            return Problems.BadRequest("invalid-name", nameError);
        }

        if (file.Length == 0)
        {
            await RecordUploadRejectionAsync(http, tenant, file.FileName, RejectionCodes.UnsupportedContent, "The uploaded file is empty.", ct);
            return Problems.BadRequest("empty-file", "The uploaded file is empty.");
        }

        if (file.Length > limit)
        {
            return Problems.TooLarge(limit);
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }

        var contentType = ContentSniffer.Sniff(content.AsSpan(0, Math.Min(content.Length, ContentSniffer.SniffLength)));
        if (contentType is null)
        {
            const string unsupported = "The content is not a supported document (PDF, PNG, JPEG, TIFF, Office/ZIP or UTF-8 text); the type is read from the bytes, not the name.";
            await RecordUploadRejectionAsync(http, tenant, file.FileName, RejectionCodes.UnsupportedContent, unsupported, ct);
            return Problems.UnsupportedType(unsupported);
        }

        var localId = form[InstanceIdField].ToString();
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        if (ResolveInstanceId(tenant, localId, idempotencyKey, sha256) is not { } instanceId)
        {
            return InvalidInstanceId();
        }

        var hold = form[HoldUntilEventField].ToString();
        if (hold.Length > 0 && !WorkflowIds.IsValidLocalId(hold))
        {
            return InvalidEventName();
        }

        if (await ExistingStartAsync(http, workflows, instanceId, sha256, ct) is { } existing)
        {
            return existing;
        }

        var (container, blobName, _) = await uploads.SaveAsync(tenant, file.FileName, content, contentType, ct);
        var callback = form[CallbackUrlField].ToString();
        if (callback.Length > 0 && !IsCallbackUrl(callback))
        {
            return InvalidCallbackUrl();
        }

        await workflows.StartAsync(instanceId, new DocumentRef(tenant, container, blobName, sha256, contentType, hold.Length > 0 ? hold : null)
        {
            FileName = file.FileName,
            Confidential = Serverless.Pipeline.Confidentiality.IsMarked(form[Serverless.Pipeline.Confidentiality.Key].ToString()),
            CallbackUrl = callback.Length > 0 ? callback : null,
            Entry = DocumentEntries.Http,
        }, ct);
        ServerlessTelemetry.Started("http", Activity.Current, instanceId);
        return CheckStatusPayload.Accepted(http.Request, instanceId);
    }

    private static Task RecordUploadRejectionAsync(HttpContext http, string tenant, string? fileName, string code, string message, CancellationToken ct) =>
        http.RequestServices.GetRequiredService<RejectionStore>().RecordAsync(tenant, RejectionEntries.Upload, fileName, code, message, reference: null, ct);

    private static async Task<IResult> StartFromBlobAsync(
        HttpContext http, string tenant, string idempotencyKey, WorkflowService workflows, UploadStore uploads, CancellationToken ct)
    {
        StartFromBlobRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync(ApiJsonContext.Default.StartFromBlobRequest, ct);
        }
        catch (JsonException)
        {
            return Problems.BadRequest("invalid-json", "The body is not valid JSON.");
        }

        if (BlobPaths.ValidateRelativePath(request?.BlobName) is { } nameError)
        {
            return Problems.BadRequest("invalid-name", nameError);
        }

        var blob = uploads.Incoming(tenant, request!.BlobName!);
        var version = await BlobVersion.ReadAsync(blob, ct);
        if (version is null)
        {
            return Problems.NotFound($"No blob '{request.BlobName}' in this tenant's incoming folder.");
        }

        if (version.ContentType is null)
        {
            return Problems.UnsupportedType("The blob is empty or not a supported document type.");
        }

        if (ResolveInstanceId(tenant, request.InstanceId, idempotencyKey, version.Sha256) is not { } instanceId)
        {
            return InvalidInstanceId();
        }

        if (request.HoldUntilEvent is { } hold && !WorkflowIds.IsValidLocalId(hold))
        {
            return InvalidEventName();
        }

        if (request.CallbackUrl is { } callback && !IsCallbackUrl(callback))
        {
            return InvalidCallbackUrl();
        }

        if (await ExistingStartAsync(http, workflows, instanceId, version.Sha256, ct) is { } existing)
        {
            return existing;
        }

        var document = new DocumentRef(tenant, blob.BlobContainerName, blob.Name, version.Sha256, version.ContentType, request.HoldUntilEvent)
        {
            Confidential = request.Confidential,
            CallbackUrl = request.CallbackUrl,
            Entry = DocumentEntries.Http,
        };
        await workflows.StartAsync(instanceId, document, ct);
        ServerlessTelemetry.Started("http", Activity.Current, instanceId);
        return CheckStatusPayload.Accepted(http.Request, instanceId);
    }

    /// <summary>A caller's id, else the idempotency key's id, else the content's id (same bytes, same workflow).</summary>
    private static string? ResolveInstanceId(string tenant, string? localId, string idempotencyKey, string sha256)
    {
        if (!string.IsNullOrEmpty(localId))
        {
            return WorkflowIds.IsValidLocalId(localId) ? WorkflowIds.ForLocalId(tenant, localId) : null;
        }

        return idempotencyKey.Length > 0 ? WorkflowIds.ForIdempotencyKey(tenant, idempotencyKey) : WorkflowIds.ForContent(tenant, sha256);
    }

    /// <summary>
    /// A start under an id that exists: the same content is a repeat (202, same instance, nothing
    /// stored again); other content under a reused id or idempotency key is a conflict (409).
    /// </summary>
    private static async Task<IResult?> ExistingStartAsync(
        HttpContext http, WorkflowService workflows, string instanceId, string sha256, CancellationToken ct)
    {
        var (exists, startedFor) = await workflows.GetStartedContentAsync(instanceId, ct);
        if (!exists)
        {
            return null;
        }

        return startedFor == sha256
            ? CheckStatusPayload.Accepted(http.Request, instanceId)
            : Problems.Conflict("instance-exists", $"Workflow '{instanceId}' already exists for other content; use another instance id or idempotency key.");
    }

    private static IResult InvalidEventName() =>
        Problems.BadRequest("invalid-event-name", "An event name is 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit.");

    /// <summary>Callbacks are absolute http(s) URLs of at most 2,000 characters.</summary>
    private static bool IsCallbackUrl(string url) =>
        url.Length <= 2000 && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static IResult InvalidCallbackUrl() =>
        Problems.BadRequest("invalid-callback-url", "callbackUrl must be an absolute http or https URL of at most 2,000 characters.");

    private static IResult InvalidInstanceId() =>
        Problems.BadRequest("invalid-instance-id", "An instance id is 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit.");

    private static async Task<IResult> GetStatusAsync(
        string instanceId, bool? showHistory, bool? showHistoryOutput, bool? showInput, HttpContext http, WorkflowService workflows, CancellationToken ct)
    {
        var metadata = await workflows.GetAsync(http.User.GetTenant(), instanceId, withData: true, ct);
        if (metadata is null)
        {
            return UnknownInstance(instanceId);
        }

        var body = StatusPayload.Create(metadata, showInput ?? true);
        if (showHistory == true)
        {
            body["historyEvents"] = StatusPayload.History(await workflows.GetHistoryAsync(instanceId, ct), showHistoryOutput == true, showInput ?? true);
        }

        if (StatusPayload.IsTerminal(metadata.RuntimeStatus))
        {
            return Results.Json(body, ApiJsonContext.Default.JsonObject);
        }

        var json = Results.Json(body, ApiJsonContext.Default.JsonObject, statusCode: StatusCodes.Status202Accepted);
        return new CheckStatusPayload.LocationResult(json, http.Request.GetEncodedUrl(), StatusRetryAfterSeconds);
    }

    private static async Task<IResult> ListAsync(
        DateTimeOffset? createdTimeFrom, DateTimeOffset? createdTimeTo, string? runtimeStatus, string? instanceIdPrefix, int? top, bool? showInput,
        HttpContext http, WorkflowService workflows, CancellationToken ct)
    {
        var tenant = http.User.GetTenant();
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var s in (runtimeStatus ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(s, ignoreCase: true, out var status) || int.TryParse(s, out _))
            {
                return Problems.BadRequest("invalid-status", $"'{s}' is not a runtime status ({string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}).");
            }

            statuses.Add(status);
        }

        if (top is < 1 or > MaxPageSize)
        {
            return Problems.BadRequest("invalid-top", $"top must be between 1 and {MaxPageSize}.");
        }

        var prefix = instanceIdPrefix ?? "";
        if (prefix.StartsWith(WorkflowIds.TenantPrefix(tenant), StringComparison.Ordinal))
        {
            prefix = prefix[WorkflowIds.TenantPrefix(tenant).Length..];
        }

        var continuation = http.Request.Headers[ContinuationHeader].ToString();
        var page = await workflows.ListAsync(
            tenant,
            new OrchestrationQuery
            {
                CreatedFrom = createdTimeFrom,
                CreatedTo = createdTimeTo,
                Statuses = statuses.Count > 0 ? statuses : null,
                InstanceIdPrefix = prefix,
                PageSize = top ?? 100,
                ContinuationToken = continuation.Length > 0 ? continuation : null,
                FetchInputsAndOutputs = true,
            },
            ct);

        if (page.ContinuationToken is { Length: > 0 } next)
        {
            http.Response.Headers[ContinuationHeader] = next;
        }

        var items = new JsonArray();
        foreach (var metadata in page.Values)
        {
            items.Add(StatusPayload.Create(metadata, showInput ?? true));
        }

        return Results.Json(items, ApiJsonContext.Default.JsonArray);
    }

    private static async Task<IResult> RaiseEventAsync(string instanceId, string eventName, HttpContext http, WorkflowService workflows, CancellationToken ct)
    {
        if (!http.Request.HasJsonContentType())
        {
            return Problems.BadRequest("invalid-content-type", "The event payload must be application/json.");
        }

        JsonNode? payload;
        try
        {
            payload = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return Problems.BadRequest("invalid-json", "The event payload is not valid JSON.");
        }

        return await ControlAsync(instanceId, http, workflows, (id, c) => workflows.RaiseEventAsync(id, eventName, payload, c), ct);
    }

    /// <summary>The shape every management verb shares: 404 unknown (or another tenant's), 410 ended, else 202.</summary>
    private static async Task<IResult> ControlAsync(
        string instanceId, HttpContext http, WorkflowService workflows, Func<string, CancellationToken, Task> action, CancellationToken ct)
    {
        var metadata = await workflows.GetAsync(http.User.GetTenant(), instanceId, withData: false, ct);
        if (metadata is null)
        {
            return UnknownInstance(instanceId);
        }

        if (StatusPayload.IsTerminal(metadata.RuntimeStatus))
        {
            return Problems.Gone($"Workflow '{instanceId}' is {metadata.RuntimeStatus}.");
        }

        await action(instanceId, ct);
        return Results.Accepted();
    }

    private static async Task<IResult> RestartAsync(
        string instanceId, bool? restartWithNewInstanceId, HttpContext http, WorkflowService workflows, CancellationToken ct)
    {
        var tenant = http.User.GetTenant();
        var metadata = await workflows.GetAsync(tenant, instanceId, withData: false, ct);
        if (metadata is null)
        {
            return UnknownInstance(instanceId);
        }

        // A new id is made here rather than by the engine so that it carries the tenant prefix.
        var newId = restartWithNewInstanceId == true ? WorkflowIds.ForLocalId(tenant, Guid.CreateVersion7().ToString("N")) : null;
        if (newId is null && !StatusPayload.IsTerminal(metadata.RuntimeStatus))
        {
            return Problems.Conflict("instance-running", $"Workflow '{instanceId}' is {metadata.RuntimeStatus}; only an ended workflow can be restarted under its own id.");
        }

        return await workflows.RestartAsync(tenant, instanceId, newId, ct) is { } restarted
            ? CheckStatusPayload.Accepted(http.Request, restarted)
            : Problems.BadRequest("no-input", $"Workflow '{instanceId}' has no input to restart with.");
    }

    private static async Task<IResult> PurgeAsync(string instanceId, HttpContext http, WorkflowService workflows, CancellationToken ct)
    {
        var metadata = await workflows.GetAsync(http.User.GetTenant(), instanceId, withData: false, ct);
        if (metadata is null)
        {
            return UnknownInstance(instanceId);
        }

        var result = await workflows.PurgeAsync(instanceId, ct);
        return result.PurgedInstanceCount == 0
            ? UnknownInstance(instanceId)
            : Results.Json(new PurgeResponse(result.PurgedInstanceCount), ApiJsonContext.Default.PurgeResponse);
    }

    private static async Task<IResult> CreateApiKeyAsync(HttpContext http, ApiKeyStore keys, CancellationToken ct)
    {
        CreateApiKeyRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync(ApiJsonContext.Default.CreateApiKeyRequest, ct);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Problems.BadRequest("invalid-json", "The body must be JSON: {\"tenant\": \"…\", \"admin\": false, \"name\": \"…\"}.");
        }

        if (!BlobPaths.IsValidTenant(request?.Tenant))
        {
            return Problems.BadRequest("invalid-tenant", "A tenant is 1-32 lower-case letters, digits or '-', starting and ending with a letter or digit.");
        }

        var (key, record) = await keys.CreateAsync(request!.Tenant!, request.Admin, request.Name, ct);
        return Results.Json(
            new CreateApiKeyResponse(key, record.KeyId, record.Tenant, record.Admin, record.Name),
            ApiJsonContext.Default.CreateApiKeyResponse,
            statusCode: StatusCodes.Status201Created);
    }

    private static IResult UnknownInstance(string instanceId) => Problems.NotFound($"No workflow '{instanceId}'.");
}
