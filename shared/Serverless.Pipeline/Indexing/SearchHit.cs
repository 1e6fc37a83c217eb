namespace Serverless.Pipeline.Indexing;

/// <summary>
/// A search result: the document (content hash and file name when known), the chunk, its first page,
/// its text and the fused score (reciprocal rank fusion of the dense and lexical rankings; higher is better).
/// </summary>
public sealed record SearchHit(string DocumentId, int ChunkIndex, int Page, string Text, double Score, string? DocumentName = null);
