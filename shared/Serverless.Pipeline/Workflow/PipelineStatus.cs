namespace Serverless.Pipeline.Workflow;

/// <summary>
/// The custom status of a running document workflow: the step, progress, the tokens and cost so far, the event it
/// waits for, and (while it waits for a review) the model's label and confidence that the reviewer decides on.
/// </summary>
public sealed record PipelineStatus(
    string Step, int StepsDone, int StepsTotal, int BatchesDone, int BatchesTotal, long InputTokens, long OutputTokens, decimal Cost, string? WaitingFor,
    string? Label = null, double? Confidence = null);
