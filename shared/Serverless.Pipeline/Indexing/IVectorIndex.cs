namespace Serverless.Pipeline.Indexing;

/// <summary>A tenant-scoped vector index of document chunks. Every operation names the tenant; nothing crosses tenants.</summary>
public interface IVectorIndex
{
    /// <summary>Makes the document's chunks exactly <paramref name="chunks"/> (idempotent: upsert per chunk, stale chunks removed).</summary>
    Task UpsertAsync(string tenant, string documentId, IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken);

    /// <summary>Removes every chunk of the document; returns how many were removed.</summary>
    Task<int> DeleteDocumentAsync(string tenant, string documentId, CancellationToken cancellationToken);

    /// <summary>The <paramref name="k"/> chunks of the tenant most similar to <paramref name="query"/>, best first.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string tenant, ReadOnlyMemory<float> query, int k, CancellationToken cancellationToken);
}
