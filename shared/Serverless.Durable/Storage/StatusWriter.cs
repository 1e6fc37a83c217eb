using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Serverless.Durable.Replay;

namespace Serverless.Durable.Storage;

/// <summary>Writes the Instances (status) row: the read model derived from history.</summary>
internal sealed class StatusWriter(TaskHub hub)
{
    public async Task WriteAsync(InstanceState state, EpisodeResult result, bool includeInput, CancellationToken ct)
    {
        var started = result.Started;
        if (started is null)
        {
            return;
        }

        var now = hub.UtcNow;
        var entity = new TableEntity(state.InstanceId, "")
        {
            ["Name"] = started.Name,
            ["Version"] = started.Version ?? "",
            ["ExecutionId"] = started.ExecutionId,
            ["RuntimeStatus"] = result.Status.ToString(),
            ["CreatedTime"] = DateTime.SpecifyKind(started.Timestamp == default ? now : started.Timestamp, DateTimeKind.Utc),
            ["LastUpdatedTime"] = now,
            ["HistoryCount"] = state.Count,
            ["FailureDetails"] = result.Failure is null ? null : JsonSerializer.Serialize(result.Failure, DurableJsonContext.Default.TaskFailureDetails),
            ["ParentInstanceId"] = started.ParentInstanceId,
        };
        if (result.Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            entity["CompletedTime"] = now;
        }

        await hub.PutPayloadAsync(entity, "Output", result.Output, $"{state.InstanceId}/status-output.json", ct);
        await hub.PutPayloadAsync(entity, "CustomStatus", result.CustomStatus, $"{state.InstanceId}/status-customstatus.json", ct);
        if (includeInput)
        {
            await hub.PutPayloadAsync(entity, "Input", started.Input, $"{state.InstanceId}/status-input.json", ct);
            SetTags(entity, started.Tags);
        }

        await WriteOrderedAsync(state, entity, ct);
        state.StatusWrittenFor = state.Count;
        state.WrittenStatus = (result.Status, result.CustomStatus);
        hub.StatusSignal.Set();
    }

    /// <summary>
    /// Writes the row unless it already reflects a longer history of the same execution: a slow worker's write of an
    /// older episode must never overwrite a newer status (e.g. Running over Completed). ETag-guarded; the ETag of this
    /// process's last write is kept, so the usual case costs one call.
    /// </summary>
    private async Task WriteOrderedAsync(InstanceState state, TableEntity entity, CancellationToken ct)
    {
        var etag = state.StatusETag;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (etag is null)
            {
                hub.Count();
                var row = await hub.Instances.GetEntityIfExistsAsync<TableEntity>(state.InstanceId, "", ["HistoryCount", "ExecutionId"], ct);
                if (!row.HasValue)
                {
                    try
                    {
                        hub.Count();
                        var added = await hub.Instances.AddEntityAsync(entity, ct);
                        state.StatusETag = added.Headers.ETag;
                        return;
                    }
                    catch (RequestFailedException ex) when (ex.Status == 409)
                    {
                        continue;
                    }
                }

                if (row.Value!.GetString("ExecutionId") == state.ExecutionId && (row.Value.GetInt32("HistoryCount") ?? -1) > state.Count)
                {
                    return;
                }

                etag = row.Value.ETag;
            }

            try
            {
                hub.Count();
                var response = await hub.Instances.UpdateEntityAsync(entity, etag.Value, TableUpdateMode.Merge, ct);
                state.StatusETag = response.Headers.ETag;
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                etag = null;
            }
        }

        throw new InvalidOperationException($"The status row of instance '{state.InstanceId}' kept changing under concurrent writes.");
    }

    /// <summary>The Pending row of a new start: created unless one exists, or (a restart of a finished instance) replaced.</summary>
    public async Task WritePendingAsync(HistoryEvent start, bool replace, CancellationToken ct)
    {
        var entity = new TableEntity(start.InstanceId!, "")
        {
            ["Name"] = start.Name,
            ["Version"] = start.Version ?? "",
            ["ExecutionId"] = start.ExecutionId,
            ["RuntimeStatus"] = nameof(OrchestrationRuntimeStatus.Pending),
            ["CreatedTime"] = start.Timestamp,
            ["LastUpdatedTime"] = start.Timestamp,
            ["HistoryCount"] = -1,
            ["ParentInstanceId"] = start.ParentInstanceId,
        };
        await hub.PutPayloadAsync(entity, "Input", start.Input, $"{start.InstanceId}/status-input.json", ct);
        SetTags(entity, start.Tags);
        hub.Count();
        if (replace)
        {
            await hub.Instances.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
            return;
        }

        try
        {
            await hub.Instances.AddEntityAsync(entity, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The instance row exists: the episode's status write owns it from here.
        }
    }

    public static void SetTags(TableEntity entity, IReadOnlyDictionary<string, string>? tags)
    {
        entity["Tags"] = tags is null ? null : JsonSerializer.Serialize(tags.ToDictionary(), DurableJsonContext.Default.DictionaryStringString);
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            entity[TagColumn(key)] = value;
        }
    }

    public static string TagColumn(string key)
    {
        if (key.Length is 0 or > 100 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"Tag key '{key}' is invalid: use 1-100 letters, digits or '_'.", nameof(key));
        }

        return "tag_" + key;
    }

    /// <summary>True when the status row shows the status and execution that history implies (otherwise it needs repair).</summary>
    public async Task<bool> MatchesAsync(string instanceId, EpisodeResult result, CancellationToken ct)
    {
        hub.Count();
        var row = await hub.Instances.GetEntityIfExistsAsync<TableEntity>(instanceId, "", ["RuntimeStatus", "ExecutionId"], ct);
        return row.HasValue && row.Value!.GetString("RuntimeStatus") == result.Status.ToString() &&
            row.Value.GetString("ExecutionId") == result.Started?.ExecutionId;
    }

    public async Task ForceFailedAsync(string instanceId, TaskFailureDetails failure, CancellationToken ct)
    {
        var entity = new TableEntity(instanceId, "")
        {
            ["RuntimeStatus"] = nameof(OrchestrationRuntimeStatus.Failed),
            ["LastUpdatedTime"] = hub.UtcNow,
            ["CompletedTime"] = hub.UtcNow,
            ["FailureDetails"] = JsonSerializer.Serialize(failure, DurableJsonContext.Default.TaskFailureDetails),
        };
        try
        {
            hub.Count();
            await hub.Instances.UpsertEntityAsync(entity, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException)
        {
            // Best effort: the poison row still records the failure.
        }
    }
}
