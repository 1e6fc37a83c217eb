using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Pipeline.Workflow;

namespace Serverless.App.Workflows;

/// <summary>
/// The tenant-aware face of the durable client: every call names the caller's tenant, and an
/// instance of another tenant is reported as unknown (null), never as forbidden.
/// </summary>
internal sealed class WorkflowService(DurableTaskClient client, IWorkflowHistory history, IOptions<AppOptions> options)
{
    /// <summary>The orchestration tag that records a workflow's tenant.</summary>
    public const string TenantTag = "tenant";

    /// <summary>Every status: an instance id that was ever used is never started again (restart is explicit).</summary>
    private static readonly string[] AnyStatus = Enum.GetNames<OrchestrationRuntimeStatus>();

    /// <summary>The statuses of an instance that has not ended: a restart must not replace one of these.</summary>
    private static readonly string[] NotEnded =
    [
        nameof(OrchestrationRuntimeStatus.Running), nameof(OrchestrationRuntimeStatus.Pending), nameof(OrchestrationRuntimeStatus.Suspended),
    ];

    /// <summary>
    /// Starts the document workflow under <paramref name="instanceId"/>. Starting an id that exists is
    /// idempotent: the engine refuses the duplicate (every status deduplicates) and the call reaches the same instance.
    /// </summary>
    public Task<string> StartAsync(string instanceId, DocumentRef document, CancellationToken cancellationToken) =>
        ScheduleAsync(instanceId, document, AnyStatus, cancellationToken);

    /// <summary>
    /// Starts the tenant's workflow <paramref name="instanceId"/> again with its original input and tenant tag: under
    /// <paramref name="newInstanceId"/>, or (null) under its own id once it has ended. Not the client's RestartAsync:
    /// the engine's restart drops the tags, and an instance without its tenant's tag is no longer found by its tenant.
    /// Null when the instance is not the tenant's or has no input.
    /// </summary>
    public async Task<string?> RestartAsync(string tenant, string instanceId, string? newInstanceId, CancellationToken cancellationToken)
    {
        var metadata = await GetAsync(tenant, instanceId, withData: true, cancellationToken);
        var input = metadata?.SerializedInput is { } json ? JsonSerializer.Deserialize(json, WorkflowJsonContext.Default.DocumentRef) : null;
        return input is null ? null
            : await ScheduleAsync(newInstanceId ?? instanceId, input, newInstanceId is null ? NotEnded : AnyStatus, cancellationToken);
    }

    private async Task<string> ScheduleAsync(string instanceId, DocumentRef document, string[] dedupeStatuses, CancellationToken cancellationToken)
    {
        var start = new StartOrchestrationOptions(instanceId)
        {
            Tags = new Dictionary<string, string> { [TenantTag] = document.Tenant },
            DedupeStatuses = dedupeStatuses,
        };
        try
        {
            return options.Value.Workflow == WorkflowKind.DocumentStats
                ? await client.ScheduleNewOrchestrationInstanceAsync(nameof(DocumentStatsOrchestrator), document, start, cancellationToken)
                : await client.ScheduleNewOrchestrationInstanceAsync(nameof(DocumentPipeline), PipelineInput(document), start, cancellationToken);
        }
        catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            return instanceId;
        }
    }

    /// <summary>The pipeline's input for a document reference (same field names, so restart reads either back).</summary>
    public static DocumentPipelineInput PipelineInput(DocumentRef document) =>
        new(document.Tenant, document.Container, document.BlobName, document.ContentSha256)
        {
            FileName = document.FileName ?? document.BlobName.Split('/')[^1],
            Confidential = document.Confidential,
            CallbackUrl = document.CallbackUrl,
            ReplyQueue = document.ReplyQueue,
            CorrelationId = document.CorrelationId,
            HoldUntilEvent = document.HoldUntilEvent,
            Entry = document.Entry,
        };

    /// <summary>Whether the instance exists, and the content version it was started for.</summary>
    public async Task<(bool Exists, string? ContentSha256)> GetStartedContentAsync(string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return (false, null);
        }

        var input = metadata.SerializedInput is { } json ? JsonSerializer.Deserialize(json, WorkflowJsonContext.Default.DocumentRef) : null;
        return (true, input?.ContentSha256);
    }

    public async Task<bool> ExistsAsync(string instanceId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null;

    /// <summary>The instance when it exists and belongs to <paramref name="tenant"/>, else null.</summary>
    public async Task<OrchestrationMetadata?> GetAsync(string tenant, string instanceId, bool withData, CancellationToken cancellationToken)
    {
        if (!WorkflowIds.BelongsTo(instanceId, tenant))
        {
            return null;
        }

        var metadata = await client.GetInstanceAsync(instanceId, withData, cancellationToken);
        return metadata is not null && Owns(metadata, tenant) ? metadata : null;
    }

    /// <summary>One page of the tenant's instances (the tenant prefix of every id scopes the query; the tag is checked again).</summary>
    public async Task<Page<OrchestrationMetadata>> ListAsync(string tenant, OrchestrationQuery query, CancellationToken cancellationToken)
    {
        var scoped = query with { InstanceIdPrefix = WorkflowIds.TenantPrefix(tenant) + (query.InstanceIdPrefix ?? "") };
        await foreach (var page in client.GetAllInstancesAsync(scoped).AsPages(query.ContinuationToken, query.PageSize).WithCancellation(cancellationToken))
        {
            // The engine's query answers carry no tags: the tenant prefix of the id is the boundary, the tag checked where present.
            return new Page<OrchestrationMetadata>(
                [.. page.Values.Where(m => WorkflowIds.BelongsTo(m.InstanceId, tenant) && (m.Tags is not { Count: > 0 } || Owns(m, tenant)))],
                page.ContinuationToken);
        }

        return new Page<OrchestrationMetadata>([], null);
    }

    public Task<IReadOnlyList<WorkflowHistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        history.GetAsync(instanceId, cancellationToken);

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);

    public Task TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken) =>
        client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions { Output = reason }, cancellationToken);

    public Task SuspendAsync(string instanceId, string? reason, CancellationToken cancellationToken) =>
        client.SuspendInstanceAsync(instanceId, reason, cancellationToken);

    public Task ResumeAsync(string instanceId, string? reason, CancellationToken cancellationToken) =>
        client.ResumeInstanceAsync(instanceId, reason, cancellationToken);


    public Task<PurgeResult> PurgeAsync(string instanceId, CancellationToken cancellationToken) =>
        client.PurgeInstanceAsync(instanceId, cancellationToken);

    private static bool Owns(OrchestrationMetadata metadata, string tenant) =>
        metadata.Tags is not null && metadata.Tags.TryGetValue(TenantTag, out var owner) && owner == tenant;
}
