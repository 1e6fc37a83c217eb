namespace Serverless.Pipeline.Indexing;

/// <summary>A tenant-scoped hybrid (vector + keyword) index of document chunks. Every operation names the tenant; nothing crosses tenants.</summary>
public interface IVectorIndex
{
    /// <summary>Makes the document's chunks exactly <paramref name="chunks"/> (idempotent: upsert per chunk, stale chunks removed).</summary>
    Task UpsertAsync(string tenant, string documentId, IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken);

    /// <summary>Removes every chunk of the document; returns how many were removed.</summary>
    Task<int> DeleteDocumentAsync(string tenant, string documentId, CancellationToken cancellationToken);

    /// <summary>
    /// The <paramref name="k"/> chunks of the tenant that best match the query, best first: the ranking by
    /// cosine similarity to <paramref name="queryVector"/> and the BM25 ranking of <paramref name="queryText"/>
    /// fused by reciprocal rank (an empty text searches by vector only).
    /// </summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string tenant, string queryText, ReadOnlyMemory<float> queryVector, int k, CancellationToken cancellationToken);
}
