using System.Collections;
using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Serverless.Durable.Replay;

namespace Serverless.Durable.Storage;

/// <summary>
/// Loads and commits instance partitions. A commit writes the new history rows, the sentinel (ETag-guarded: a
/// concurrent commit makes this one fail with <see cref="CommitConflictException"/>) and any self-addressed inbox
/// rows in entity-group transactions. Keeps a per-process cache of committed histories, validated by the ETag.
/// </summary>
internal sealed class HistoryStore(TaskHub hub)
{
    private const int MaxRowsPerBatch = 99;
    private const int MaxBytesPerBatch = 3_000_000;
    private const int MaxCached = 2_000;

    private readonly ConcurrentDictionary<string, InstanceState> _cache = new();

    public void Forget(string instanceId) => _cache.TryRemove(instanceId, out _);

    public async Task<InstanceState> LoadAsync(string instanceId, CancellationToken ct)
    {
        if (_cache.TryGetValue(instanceId, out var cached))
        {
            var rows = await QueryAsync($"PartitionKey eq '{Escape(instanceId)}' and RowKey ge '{TaskHub.InboxPrefix}'", ct);
            var sentinel = rows.FirstOrDefault(r => r.RowKey == TaskHub.SentinelRowKey);
            if (sentinel is not null && sentinel.ETag == cached.SentinelETag)
            {
                var state = new InstanceState
                {
                    InstanceId = instanceId, History = cached.History, SentinelETag = cached.SentinelETag, ExecutionId = cached.ExecutionId,
                    Count = cached.Count, Dispatched = sentinel.GetInt32("Dispatched") ?? 0, StatusWrittenFor = cached.StatusWrittenFor, WrittenStatus = cached.WrittenStatus, StatusETag = cached.StatusETag,
                };
                state.Inbox = await ReadInboxAsync(rows, ct);
                return state;
            }
        }

        return await LoadFullAsync(instanceId, ct);
    }

    private async Task<InstanceState> LoadFullAsync(string instanceId, CancellationToken ct)
    {
        var rows = await QueryAsync($"PartitionKey eq '{Escape(instanceId)}'", ct);
        var state = new InstanceState { InstanceId = instanceId };
        var sentinel = rows.FirstOrDefault(r => r.RowKey == TaskHub.SentinelRowKey);
        if (sentinel is not null)
        {
            state.SentinelETag = sentinel.ETag;
            state.ExecutionId = sentinel.GetString("ExecutionId");
            state.Count = sentinel.GetInt32("Count") ?? 0;
            state.Dispatched = sentinel.GetInt32("Dispatched") ?? 0;
            var historyRows = rows
                .Where(r => r.RowKey.StartsWith(TaskHub.HistoryPrefix, StringComparison.Ordinal) && r.GetString("ExecutionId") == state.ExecutionId)
                .Select(r => (Position: Convert.ToInt32(r.RowKey[1..], 16), Row: r))
                .Where(p => p.Position < state.Count)
                .OrderBy(p => p.Position)
                .ToList();
            if (historyRows.Count != state.Count)
            {
                throw new InvalidOperationException(
                    $"History of instance '{instanceId}' is incomplete: the sentinel says {state.Count} events, {historyRows.Count} rows found.");
            }

            var events = await Task.WhenAll(historyRows.Select(p => hub.GetEventAsync(p.Row, ct)));
            state.History = [.. events];
        }

        state.Inbox = await ReadInboxAsync(rows, ct);
        return state;
    }

    private async Task<List<InboxItem>> ReadInboxAsync(List<TableEntity> rows, CancellationToken ct)
    {
        var inboxRows = rows.Where(r => r.RowKey.StartsWith(TaskHub.InboxPrefix, StringComparison.Ordinal)).ToList();
        var events = await Task.WhenAll(inboxRows.Select(r => hub.GetEventAsync(r, ct)));
        return [.. inboxRows.Select((r, i) => new InboxItem(r.RowKey, events[i], r.GetInt64("Seq") ?? 0, r.GetDateTime("NotBefore")))
            .OrderBy(i => i.Seq).ThenBy(i => i.RowKey, StringComparer.Ordinal)];
    }

    private async Task<List<TableEntity>> QueryAsync(string filter, CancellationToken ct)
    {
        var list = new List<TableEntity>();
        await foreach (var page in hub.History.QueryAsync<TableEntity>(filter, cancellationToken: ct).AsPages())
        {
            hub.Count();
            list.AddRange(page.Values);
        }

        return list;
    }

    /// <summary>
    /// Commits an episode. Throws <see cref="CommitConflictException"/> when another worker committed first. Consumed inbox
    /// rows are deleted in the same transaction when they fit; returns false when the caller must delete them afterwards.
    /// </summary>
    public async Task<bool> CommitAsync(InstanceState state, EpisodeResult result, CancellationToken ct, IReadOnlyCollection<string>? consumedInbox = null)
    {
        var executionId = result.Started!.ExecutionId!;
        var start = result.NewExecution ? 0 : state.Count;
        var newEvents = result.History.Skip(result.AppendFrom).ToList();
        var count = start + newEvents.Count;

        var rows = new List<TableEntity>(newEvents.Count);
        for (var i = 0; i < newEvents.Count; i++)
        {
            var position = start + i;
            var row = new TableEntity(state.InstanceId, TaskHub.HistoryRowKey(position))
            {
                ["ExecutionId"] = executionId,
                ["EventType"] = newEvents[i].EventType.ToString(),
                ["EventId"] = newEvents[i].EventId,
            };
            await hub.PutEventAsync(row, state.InstanceId, $"history-{executionId}-{position}", newEvents[i], ct);
            rows.Add(row);
        }

        var selfRows = new List<TableEntity>();
        foreach (var e in result.SelfMessages)
        {
            var row = new TableEntity(state.InstanceId, TaskHub.InboxRowKey(e.MessageId!)) { ["Seq"] = hub.UtcNow.Ticks };
            await hub.PutEventAsync(row, state.InstanceId, "inbox-" + e.MessageId, e, ct);
            selfRows.Add(row);
        }

        var done = new BitArray(Math.Max(8, count));
        foreach (var e in result.History)
        {
            if (e.EventType is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed && e.TaskScheduledId is { } id && id >= 0)
            {
                if (id >= done.Length)
                {
                    done.Length = id + 8;
                }

                done[id] = true;
            }
        }

        var doneBytes = new byte[(done.Length + 7) / 8];
        done.CopyTo(doneBytes, 0);
        var finalSentinel = new TableEntity(state.InstanceId, TaskHub.SentinelRowKey)
        {
            ["ExecutionId"] = executionId,
            ["Count"] = count,
            ["Dispatched"] = start,
            ["Done"] = Convert.ToBase64String(doneBytes),
            ["Status"] = result.Status.ToString(),
        };

        // History rows go in batches before the final one; the final batch moves the sentinel's Count, which is
        // what makes the rows visible, so a crash between batches leaves only invisible rows behind.
        var batches = new List<List<TableEntity>>();
        var current = new List<TableEntity>();
        var bytes = 0;
        foreach (var row in rows)
        {
            var size = Size(row);
            if (current.Count >= MaxRowsPerBatch || bytes + size > MaxBytesPerBatch)
            {
                batches.Add(current);
                current = [];
                bytes = 0;
            }

            current.Add(row);
            bytes += size;
        }

        var finalExtra = selfRows.Count;
        while (current.Count + finalExtra > MaxRowsPerBatch && current.Count > 0)
        {
            var moved = current.Take(current.Count + finalExtra - MaxRowsPerBatch).ToList();
            batches.Add(moved);
            current = [.. current.Skip(moved.Count)];
        }

        current.AddRange(selfRows);
        var etag = state.SentinelETag;
        foreach (var batch in batches)
        {
            var touch = new TableEntity(state.InstanceId, TaskHub.SentinelRowKey) { ["Writing"] = true };
            etag = await SubmitAsync(batch, touch, etag, ct);
        }

        var deletesInline = consumedInbox is not null && current.Count + consumedInbox.Count <= MaxRowsPerBatch;
        etag = await SubmitAsync(current, finalSentinel, etag, ct, deletesInline ? consumedInbox : null);
        state.SentinelETag = etag;
        state.History = [.. result.History];
        state.ExecutionId = executionId;
        state.Count = count;
        state.Dispatched = start;
        Remember(state);
        return deletesInline;
    }

    /// <summary>Records that outbound messages up to <see cref="InstanceState.Count"/> were sent; losing a race here only costs a re-send.</summary>
    public async Task MarkDispatchedAsync(InstanceState state, CancellationToken ct)
    {
        if (state.SentinelETag is not { } etag || state.Dispatched >= state.Count)
        {
            return;
        }

        try
        {
            hub.Count();
            var response = await hub.History.UpdateEntityAsync(
                new TableEntity(state.InstanceId, TaskHub.SentinelRowKey) { ["Dispatched"] = state.Count }, etag, TableUpdateMode.Merge, ct);
            state.SentinelETag = response.Headers.ETag;
            state.Dispatched = state.Count;
            Remember(state);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            Forget(state.InstanceId);
        }
    }

    public void Remember(InstanceState state)
    {
        if (_cache.Count >= MaxCached && !_cache.ContainsKey(state.InstanceId))
        {
            foreach (var key in _cache.Keys.Take(MaxCached / 4))
            {
                _cache.TryRemove(key, out _);
            }
        }

        _cache[state.InstanceId] = new InstanceState
        {
            InstanceId = state.InstanceId, History = state.History, SentinelETag = state.SentinelETag, ExecutionId = state.ExecutionId,
            Count = state.Count, Dispatched = state.Dispatched, StatusWrittenFor = state.StatusWrittenFor, WrittenStatus = state.WrittenStatus, StatusETag = state.StatusETag,
        };
    }

    /// <summary>Deletes consumed inbox rows (after the commit; a row that survives a crash is dropped as a duplicate next time).</summary>
    public async Task DeleteInboxAsync(string instanceId, IEnumerable<string> rowKeys, CancellationToken ct)
    {
        foreach (var chunk in rowKeys.Distinct().Chunk(100))
        {
            try
            {
                hub.Count();
                await hub.History.SubmitTransactionAsync(
                    chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, k), ETag.All)), ct);
            }
            catch (TableTransactionFailedException)
            {
                foreach (var key in chunk)
                {
                    hub.Count();
                    await hub.History.DeleteEntityAsync(instanceId, key, ETag.All, ct);
                }
            }
        }
    }

    private async Task<ETag> SubmitAsync(List<TableEntity> rows, TableEntity sentinel, ETag? etag, CancellationToken ct, IReadOnlyCollection<string>? deletes = null)
    {
        var actions = rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)).ToList();
        actions.AddRange((deletes ?? []).Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(sentinel.PartitionKey, k), ETag.All)));
        actions.Add(etag is { } e
            ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, sentinel, e)
            : new TableTransactionAction(TableTransactionActionType.Add, sentinel));
        try
        {
            hub.Count();
            var response = await hub.History.SubmitTransactionAsync(actions, ct);
            return response.Value[^1].Headers.ETag ?? throw new InvalidOperationException("The sentinel write returned no ETag.");
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            Forget(sentinel.PartitionKey);
            throw new CommitConflictException($"Instance '{sentinel.PartitionKey}' was committed by another worker ({ex.Status}).", ex);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            Forget(sentinel.PartitionKey);
            throw new CommitConflictException($"Instance '{sentinel.PartitionKey}' was committed by another worker ({ex.Status}).", ex);
        }
    }

    private static int Size(TableEntity row) =>
        200 + (2 * ((row.GetString("Event")?.Length ?? 0) + (row.GetString("EventBlob")?.Length ?? 0)));

    public static string Escape(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    public static bool IsDone(TableEntity sentinel, int taskId)
    {
        if (sentinel.GetString("Done") is not { Length: > 0 } encoded)
        {
            return false;
        }

        var bytes = Convert.FromBase64String(encoded);
        return taskId / 8 < bytes.Length && (bytes[taskId / 8] & (1 << (taskId % 8))) != 0;
    }
}
