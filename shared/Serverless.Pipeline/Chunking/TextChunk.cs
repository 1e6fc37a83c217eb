namespace Serverless.Pipeline.Chunking;

/// <summary>A piece of a document for embedding: its index, text, token count and the pages it spans (1-based).</summary>
public sealed record TextChunk(int Index, string Text, int TokenCount, int FirstPage, int LastPage);
