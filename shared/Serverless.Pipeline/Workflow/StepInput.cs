namespace Serverless.Pipeline.Workflow;

/// <summary>The input of a step after extraction: the document and whether it is confidential (any entry's mark, or blob metadata).</summary>
public sealed record StepInput(DocumentPipelineInput Document, bool Confidential);
