using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Serverless.Durable.Storage;

/// <summary>The client over the Azure Storage task hub: every operation is an inbox row plus a wake-up, or a read of the status row.</summary>
internal sealed class StorageDurableTaskClient(TaskHub hub, HistoryStore store, StatusWriter status) : DurableTaskClient
{
    private static readonly string[] StatusColumns =
    [
        "PartitionKey", "Name", "Version", "ExecutionId", "RuntimeStatus", "CreatedTime", "LastUpdatedTime", "FailureDetails", "Tags",
    ];

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        await hub.EnsureCreatedAsync(cancellation);
        var instanceId = options?.InstanceId ?? Guid.CreateVersion7().ToString("N");
        TaskHub.ValidateInstanceId(instanceId);
        foreach (var key in options?.Tags?.Keys ?? [])
        {
            StatusWriter.TagColumn(key);
        }

        var existing = await GetInstanceAsync(instanceId, false, cancellation);
        if (existing is { IsRunning: true })
        {
            // Idempotent start; a Pending row may belong to a start whose wake-up was lost, so nudge it.
            if (existing.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
            {
                await hub.WakeAsync(instanceId, cancellation);
            }

            return instanceId;
        }

        return await StartAsync(instanceId, orchestratorName, DurableJson.Serialize(input), options?.Version, options?.Tags, options?.StartAt, existing is not null, cancellation);
    }

    private async Task<string> StartAsync(
        string instanceId, string name, string? input, string? version, IReadOnlyDictionary<string, string>? tags, DateTimeOffset? startAt, bool replace, CancellationToken ct)
    {
        var executionId = Guid.CreateVersion7().ToString("N");
        var now = hub.UtcNow;
        var start = new HistoryEvent
        {
            EventType = HistoryEventType.ExecutionStarted,
            InstanceId = instanceId,
            ExecutionId = executionId,
            Name = name,
            Version = version ?? hub.Options.DefaultVersion,
            Input = input,
            Tags = tags,
            Timestamp = now,
            ScheduledStartTime = startAt?.UtcDateTime,
            MessageId = "start." + executionId,
        };
        var notBefore = startAt is { } at && at.UtcDateTime > now ? at.UtcDateTime : (DateTime?)null;
        await hub.AddToInboxAsync(instanceId, start, ct, notBefore);
        await status.WritePendingAsync(start, replace, ct);

        await hub.WakeAsync(instanceId, ct, notBefore - now, notBefore);
        return instanceId;
    }

    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        await hub.EnsureCreatedAsync(cancellation);
        var row = await hub.Instances.GetEntityIfExistsAsync<TableEntity>(instanceId, "", cancellationToken: cancellation);
        return row.HasValue ? await ToMetadataAsync(row.Value!, getInputsAndOutputs, cancellation) : null;
    }

    private async Task<OrchestrationMetadata> ToMetadataAsync(TableEntity row, bool full, CancellationToken ct)
    {
        var tags = row.GetString("Tags") is { Length: > 0 } t
            ? JsonSerializer.Deserialize(t, DurableJsonContext.Default.DictionaryStringString)!
            : new Dictionary<string, string>();
        return new OrchestrationMetadata(row.GetString("Name") ?? "", row.PartitionKey)
        {
            RuntimeStatus = Enum.TryParse<OrchestrationRuntimeStatus>(row.GetString("RuntimeStatus"), out var s) ? s : OrchestrationRuntimeStatus.Pending,
            CreatedAt = row.GetDateTimeOffset("CreatedTime") ?? default,
            LastUpdatedAt = row.GetDateTimeOffset("LastUpdatedTime") ?? default,
            Version = row.GetString("Version"),
            FailureDetails = row.GetString("FailureDetails") is { Length: > 0 } f ? JsonSerializer.Deserialize(f, DurableJsonContext.Default.TaskFailureDetails) : null,
            Tags = tags,
            SerializedInput = full ? await hub.GetPayloadAsync(row, "Input", ct) : null,
            SerializedOutput = full ? await hub.GetPayloadAsync(row, "Output", ct) : null,
            SerializedCustomStatus = full ? await hub.GetPayloadAsync(row, "CustomStatus", ct) : null,
        };
    }

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    private async Task<OrchestrationMetadata> WaitAsync(string instanceId, bool full, Func<OrchestrationMetadata, bool> done, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var metadata = await GetInstanceAsync(instanceId, false, ct);
            if (metadata is not null && done(metadata))
            {
                return full ? (await GetInstanceAsync(instanceId, true, ct))! : metadata;
            }

            // Status rows written by this process wake the wait at once; others are seen by polling (at most every 500 ms).
            await hub.StatusSignal.WaitAsync(delay, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        return SendAsync(instanceId, new HistoryEvent { EventType = HistoryEventType.EventRaised, Name = eventName, Input = DurableJson.Serialize(eventPayload) }, cancellation);
    }

    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        await SendAsync(instanceId, new HistoryEvent { EventType = HistoryEventType.ExecutionTerminated, Input = DurableJson.Serialize(options?.Output) }, cancellation);
        if (options?.Recursive == true)
        {
            foreach (var child in (await GetOrchestrationHistoryAsync(instanceId, cancellation))
                .Where(e => e.EventType == HistoryEventType.SubOrchestrationInstanceCreated).Select(e => e.InstanceId!).Distinct())
            {
                var metadata = await GetInstanceAsync(child, false, cancellation);
                if (metadata is { IsRunning: true })
                {
                    await TerminateInstanceAsync(child, options, cancellation);
                }
            }
        }
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new HistoryEvent { EventType = HistoryEventType.ExecutionSuspended, Input = reason }, cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new HistoryEvent { EventType = HistoryEventType.ExecutionResumed, Input = reason }, cancellation);

    private async Task SendAsync(string instanceId, HistoryEvent e, CancellationToken ct)
    {
        TaskHub.ValidateInstanceId(instanceId);
        if (await GetInstanceAsync(instanceId, false, ct) is null)
        {
            throw new InvalidOperationException($"There is no orchestration instance '{instanceId}'.");
        }

        await hub.AddToInboxAsync(instanceId, e with { MessageId = $"client.{Guid.CreateVersion7():N}", Timestamp = hub.UtcNow }, ct);
        await hub.WakeAsync(instanceId, ct);
    }

    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        var existing = await GetInstanceAsync(instanceId, true, cancellation)
            ?? throw new InvalidOperationException($"There is no orchestration instance '{instanceId}'.");
        if (!restartWithNewInstanceId && !existing.IsCompleted)
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {existing.RuntimeStatus}; only a finished instance can be restarted under the same id.");
        }

        var newId = restartWithNewInstanceId ? Guid.CreateVersion7().ToString("N") : instanceId;
        return await StartAsync(newId, existing.Name, existing.SerializedInput, existing.Version, existing.Tags, null, !restartWithNewInstanceId, cancellation);
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
    {
        var metadata = await GetInstanceAsync(instanceId, false, cancellation);
        if (metadata is null || !metadata.IsCompleted)
        {
            return new PurgeResult(0);
        }

        var rows = new List<TableEntity>();
        await foreach (var row in hub.History.QueryAsync<TableEntity>($"PartitionKey eq '{HistoryStore.Escape(instanceId)}'", select: ["PartitionKey", "RowKey"], cancellationToken: cancellation))
        {
            rows.Add(row);
        }

        foreach (var chunk in rows.Chunk(100))
        {
            hub.Count();
            await hub.History.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellation);
        }

        await foreach (var blob in hub.Large.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = instanceId + "/" }, cancellation))
        {
            hub.Count();
            await hub.Large.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellation);
        }

        hub.Count();
        await hub.Instances.DeleteEntityAsync(instanceId, "", ETag.All, cancellation);
        store.Forget(instanceId);
        return new PurgeResult(1);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = filter.Statuses ?? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];
        var query = new OrchestrationQuery(filter.CreatedFrom, filter.CreatedTo, statuses, PageSize: 500);
        var ids = new List<string>();
        await foreach (var instance in GetAllInstancesAsync(query, cancellation))
        {
            ids.Add(instance.InstanceId);
        }

        var purged = 0;
        foreach (var id in ids)
        {
            purged += (await PurgeInstanceAsync(id, cancellation)).PurgedInstanceCount;
        }

        return new PurgeResult(purged);
    }

    public override async Task<Page<OrchestrationMetadata>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await hub.EnsureCreatedAsync(cancellation);
        var filters = new List<string>();
        if (query.CreatedFrom is { } from)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedTime ge {from.UtcDateTime}"));
        }

        if (query.CreatedTo is { } to)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedTime le {to.UtcDateTime}"));
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            filters.Add("(" + string.Join(" or ", statuses.Select(s => $"RuntimeStatus eq '{s}'")) + ")");
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            var prefix = query.InstanceIdPrefix;
            var upper = prefix[..^1] + (char)(prefix[^1] + 1);
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}"));
        }

        foreach (var (key, value) in query.Tags ?? new Dictionary<string, string>())
        {
            filters.Add($"{StatusWriter.TagColumn(key)} eq '{HistoryStore.Escape(value)}'");
        }

        var filter = filters.Count == 0 ? null : string.Join(" and ", filters);
        var select = query.FetchInputsAndOutputs ? null : StatusColumns;
        hub.Count();
        await foreach (var page in hub.Instances.QueryAsync<TableEntity>(filter, Math.Clamp(query.PageSize, 1, 1000), select, cancellation)
            .AsPages(query.ContinuationToken, Math.Clamp(query.PageSize, 1, 1000)))
        {
            var values = new List<OrchestrationMetadata>();
            foreach (var row in page.Values)
            {
                values.Add(await ToMetadataAsync(row, query.FetchInputsAndOutputs, cancellation));
            }

            return new Page<OrchestrationMetadata>(values, page.ContinuationToken);
        }

        return new Page<OrchestrationMetadata>([], null);
    }

    public override async Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        await hub.EnsureCreatedAsync(cancellation);
        store.Forget(instanceId);
        var state = await store.LoadAsync(instanceId, cancellation);
        return state.History;
    }
}
