namespace Serverless.Pipeline.Indexing;

/// <summary>One chunk to index: its number in the document, the pages it spans, its text, its vector and the document's file name (if known).</summary>
public sealed record IndexedChunk(int ChunkIndex, int FirstPage, int LastPage, string Text, float[] Vector, string? DocumentName = null);
