namespace Serverless.Pipeline.Workflow;

/// <summary>One batch of the embedding fan-out: chunks <c>[Batch * BatchSize, (Batch + 1) * BatchSize)</c>.</summary>
public sealed record EmbedBatchInput(DocumentPipelineInput Document, bool Confidential, int Batch, int BatchSize);
