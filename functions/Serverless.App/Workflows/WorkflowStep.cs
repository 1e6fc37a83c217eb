namespace Serverless.App.Workflows;

/// <summary>The custom status of a document workflow: the step it is in, and the event it waits for.</summary>
internal sealed record WorkflowStep(string Step, string? WaitingFor);
