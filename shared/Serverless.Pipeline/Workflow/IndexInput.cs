namespace Serverless.Pipeline.Workflow;

/// <summary>The input of <see cref="IndexChunksActivity"/>: the document, its index id and the batches to gather.</summary>
public sealed record IndexInput(DocumentPipelineInput Document, bool Confidential, string DocumentId, int BatchCount, int BatchSize);
