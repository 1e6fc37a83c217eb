using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Serverless.Pipeline.Indexing;

/// <summary>
/// The embedded hybrid index. Azure Table storage holds the truth: partition = tenant, row =
/// <c>{documentId}|{chunk:D6}</c> with the vector as float32 bytes, the text, pages and file name, and
/// one version row per tenant (<c>~version</c>, a counter bumped after every change with an ETag check).
/// Each process serves searches from a per-tenant <see cref="TenantSearchIndex"/> (vectors + Lucene.Net
/// BM25) loaded once from the partition and kept current by its own writes. A search costs one point
/// read of the version row plus the in-memory search; when another process changed the tenant's chunks
/// (the version moved past what this process holds), the partition is read again once.
/// </summary>
public sealed class TableVectorIndex(PipelineStorage storage, IOptions<HybridSearchOptions> options) : IVectorIndex, IDisposable
{
    /// <summary>The row key of the tenant's version row (sorts after every chunk row).</summary>
    public const string VersionRowKey = "~version";

    private const int BatchSize = 100;
    private const int MaxVersionAttempts = 20;

    private readonly HybridSearchOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, TenantState> _tenants = new(StringComparer.Ordinal);
    private long _clock;
    private long _loads;

    /// <summary>How many times a tenant's partition was read into memory (for tests and the bench).</summary>
    public long Loads => Interlocked.Read(ref _loads);

    public async Task UpsertAsync(string tenant, string documentId, IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken)
    {
        var table = await storage.VectorTableAsync(cancellationToken).ConfigureAwait(false);
        var partition = TenantId.Validate(tenant);
        var rows = chunks.Select(c => new TableEntity(partition, RowKey(documentId, c.ChunkIndex))
        {
            ["DocumentId"] = documentId,
            ["DocumentName"] = c.DocumentName,
            ["ChunkIndex"] = c.ChunkIndex,
            ["FirstPage"] = c.FirstPage,
            ["LastPage"] = c.LastPage,
            ["Text"] = c.Text,
            ["Vector"] = VectorMath.ToBytes(c.Vector),
        }).ToList();

        foreach (var batch in rows.Chunk(BatchSize))
        {
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken).ConfigureAwait(false);
        }

        var keep = rows.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        await DeleteWhereAsync(table, partition, documentId, key => !keep.Contains(key), cancellationToken).ConfigureAwait(false);
        await ChangedAsync(table, partition, index => index.Replace([(documentId, chunks)]), cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteDocumentAsync(string tenant, string documentId, CancellationToken cancellationToken)
    {
        var table = await storage.VectorTableAsync(cancellationToken).ConfigureAwait(false);
        var partition = TenantId.Validate(tenant);
        var removed = await DeleteWhereAsync(table, partition, documentId, _ => true, cancellationToken).ConfigureAwait(false);
        await ChangedAsync(table, partition, index => index.Remove(documentId), cancellationToken).ConfigureAwait(false);
        return removed;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string tenant, string queryText, ReadOnlyMemory<float> queryVector, int k, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var table = await storage.VectorTableAsync(cancellationToken).ConfigureAwait(false);
        var partition = TenantId.Validate(tenant);
        var version = await ReadVersionAsync(table, partition, cancellationToken).ConfigureAwait(false);
        var state = _tenants.GetOrAdd(partition, _ => new TenantState());
        state.LastUsed = Interlocked.Increment(ref _clock);
        if (state.Index is null || state.Version != version.Value)
        {
            await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (state.Index is null || state.Version != version.Value)
                {
                    await LoadAsync(table, partition, state, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                state.Gate.Release();
            }

            EvictBeyondLimit();
        }

        return state.Index!.Search(queryText, queryVector.Span, k, _options.DenseWeight, _options.LexicalWeight);
    }

    public void Dispose()
    {
        foreach (var state in _tenants.Values)
        {
            state.Index?.Dispose();
        }

        _tenants.Clear();
    }

    /// <summary>
    /// After this process changed the tenant's rows: bump the version row, then apply the change in
    /// memory. When the version moved from the one this process holds, someone else wrote too: the
    /// in-memory index is marked stale and the next search reloads it.
    /// </summary>
    private async Task ChangedAsync(TableClient table, string partition, Action<TenantSearchIndex> apply, CancellationToken cancellationToken)
    {
        var (previous, next) = await BumpVersionAsync(table, partition, cancellationToken).ConfigureAwait(false);
        if (!_tenants.TryGetValue(partition, out var state))
        {
            return;
        }

        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (state.Index is not null && state.Version == previous)
            {
                apply(state.Index);
                state.Version = next;
            }
            else
            {
                state.Version = -1;
            }
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private static async Task<(long Previous, long Next)> BumpVersionAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadVersionAsync(table, partition, cancellationToken).ConfigureAwait(false);
            var row = new TableEntity(partition, VersionRowKey) { ["Version"] = current.Value + 1 };
            try
            {
                if (current.ETag is { } etag)
                {
                    await table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                }

                return (current.Value, current.Value + 1);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxVersionAttempts)
            {
                // Another writer bumped it first: read it again.
            }
        }
    }

    private static async Task<(long Value, ETag? ETag)> ReadVersionAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, VersionRowKey, ["Version"], cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? (entity.GetInt64("Version") ?? 0, entity.ETag) : (0, null);
    }

    private async Task LoadAsync(TableClient table, string partition, TenantState state, CancellationToken cancellationToken)
    {
        // The version is read before the rows: a change made while loading moves it past the one recorded, and the next search loads again.
        var version = await ReadVersionAsync(table, partition, cancellationToken).ConfigureAwait(false);
        var documents = new Dictionary<string, List<IndexedChunk>>(StringComparer.Ordinal);
        var rows = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ne {VersionRowKey}"),
            select: ["DocumentId", "DocumentName", "ChunkIndex", "FirstPage", "LastPage", "Text", "Vector"],
            cancellationToken: cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            var documentId = row.GetString("DocumentId");
            if (!documents.TryGetValue(documentId, out var chunks))
            {
                documents[documentId] = chunks = [];
            }

            chunks.Add(new IndexedChunk(row.GetInt32("ChunkIndex") ?? 0, row.GetInt32("FirstPage") ?? 0, row.GetInt32("LastPage") ?? 0, row.GetString("Text") ?? "", VectorMath.FromBytes(row.GetBinary("Vector")), row.GetString("DocumentName")));
        }

        var index = new TenantSearchIndex();
        index.Replace(documents.Select(d => (d.Key, (IReadOnlyList<IndexedChunk>)d.Value)));
        var old = state.Index;
        state.Index = index;
        state.Version = version.Value;
        Interlocked.Increment(ref _loads);

        // Searches that still hold the old index finish on it; it is left to the collector rather than disposed under them.
        _ = old;
    }

    private void EvictBeyondLimit()
    {
        var excess = _tenants.Count - _options.MaxTenantsInMemory;
        if (excess <= 0)
        {
            return;
        }

        foreach (var (tenant, _) in _tenants.OrderBy(t => t.Value.LastUsed).Take(excess).ToList())
        {
            _tenants.TryRemove(tenant, out _);
        }
    }

    private static string RowKey(string documentId, int chunk) => $"{DocumentKey(documentId)}|{chunk:D6}";

    private static string DocumentKey(string documentId)
    {
        if (string.IsNullOrEmpty(documentId) || documentId.Length > 200 || documentId[0] == '~' || documentId.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c)))
        {
            throw new ArgumentException("A document id is 1 to 200 characters without / \\ # ? | or control characters, and does not start with ~.", nameof(documentId));
        }

        return documentId;
    }

    private static async Task<int> DeleteWhereAsync(TableClient table, string partition, string documentId, Func<string, bool> predicate, CancellationToken cancellationToken)
    {
        var prefix = DocumentKey(documentId) + "|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
        var doomed = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (predicate(row.RowKey))
            {
                doomed.Add(row);
            }
        }

        foreach (var batch in doomed.Chunk(BatchSize))
        {
            try
            {
                await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // Someone else deleted one of them: delete the rest one by one, tolerating the missing.
                foreach (var row in batch)
                {
                    await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return doomed.Count;
    }

    private sealed class TenantState
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public TenantSearchIndex? Index { get; set; }

        public long Version { get; set; } = -1;

        public long LastUsed { get; set; }
    }
}
