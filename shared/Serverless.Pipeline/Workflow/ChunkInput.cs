namespace Serverless.Pipeline.Workflow;

/// <summary>The input of <see cref="ChunkTextActivity"/>.</summary>
public sealed record ChunkInput(DocumentPipelineInput Document, int EmbeddingBatchSize);
