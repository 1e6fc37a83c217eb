namespace Serverless.Pipeline.Indexing;

/// <summary>A search result: the document, the chunk, its first page, its text and the cosine similarity (-1..1).</summary>
public sealed record SearchHit(string DocumentId, int ChunkIndex, int Page, string Text, double Score);
