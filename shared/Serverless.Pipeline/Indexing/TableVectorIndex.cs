using Azure;
using Azure.Data.Tables;

namespace Serverless.Pipeline.Indexing;

/// <summary>
/// The embedded index on Azure Table storage: partition = tenant, row = <c>{documentId}|{chunk:D6}</c>,
/// the vector as float32 bytes (4 KB for 1,024 dimensions), the chunk text and pages beside it. Search is
/// exact: it reads the tenant's partition and keeps the top k by cosine similarity. Right for up to some
/// hundred thousand chunks per tenant; beyond that, use Azure AI Search behind the same interface.
/// </summary>
public sealed class TableVectorIndex(PipelineStorage storage) : IVectorIndex
{
    private const int BatchSize = 100;

    public async Task UpsertAsync(string tenant, string documentId, IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken)
    {
        var table = await storage.VectorTableAsync(cancellationToken).ConfigureAwait(false);
        var partition = TenantId.Validate(tenant);
        var rows = chunks.Select(c => new TableEntity(partition, RowKey(documentId, c.ChunkIndex))
        {
            ["DocumentId"] = documentId,
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
    }

    public async Task<int> DeleteDocumentAsync(string tenant, string documentId, CancellationToken cancellationToken)
    {
        var table = await storage.VectorTableAsync(cancellationToken).ConfigureAwait(false);
        return await DeleteWhereAsync(table, TenantId.Validate(tenant), documentId, _ => true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string tenant, ReadOnlyMemory<float> query, int k, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var table = await storage.VectorTableAsync(cancellationToken).ConfigureAwait(false);
        var partition = TenantId.Validate(tenant);
        var best = new PriorityQueue<(TableEntity Row, double Score), double>();
        var rows = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            select: ["PartitionKey", "RowKey", "DocumentId", "ChunkIndex", "FirstPage", "Vector"],
            cancellationToken: cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            var score = VectorMath.Cosine(query.Span, VectorMath.FromBytes(row.GetBinary("Vector")));
            best.Enqueue((row, score), score);
            if (best.Count > k)
            {
                best.Dequeue();
            }
        }

        var top = new List<(TableEntity Row, double Score)>(best.Count);
        while (best.TryDequeue(out var item, out _))
        {
            top.Add(item);
        }

        top.Reverse();
        var hits = new List<SearchHit>(top.Count);
        foreach (var (row, score) in top)
        {
            // The text is read only for the winners: a search over many chunks moves vectors, not text.
            var full = await table.GetEntityAsync<TableEntity>(row.PartitionKey, row.RowKey, ["Text"], cancellationToken).ConfigureAwait(false);
            hits.Add(new SearchHit(row.GetString("DocumentId"), row.GetInt32("ChunkIndex") ?? 0, row.GetInt32("FirstPage") ?? 0, full.Value.GetString("Text") ?? "", score));
        }

        return hits;
    }

    private static string RowKey(string documentId, int chunk) => $"{DocumentKey(documentId)}|{chunk:D6}";

    private static string DocumentKey(string documentId)
    {
        if (string.IsNullOrEmpty(documentId) || documentId.Length > 200 || documentId.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c)))
        {
            throw new ArgumentException("A document id is 1 to 200 characters without / \\ # ? | or control characters.", nameof(documentId));
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
}
