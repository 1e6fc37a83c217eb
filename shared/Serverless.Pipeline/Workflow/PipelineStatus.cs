namespace Serverless.Pipeline.Workflow;

/// <summary>The custom status of a running document workflow: the step, progress, and the tokens and cost so far.</summary>
public sealed record PipelineStatus(string Step, int StepsDone, int StepsTotal, int BatchesDone, int BatchesTotal, long InputTokens, long OutputTokens, decimal Cost, string? WaitingFor);
