namespace Serverless.Pipeline.Workflow;

/// <summary>The input of <see cref="NotifyActivity"/>.</summary>
public sealed record NotifyInput(DocumentPipelineInput Document, WorkflowCompletion Completion);
