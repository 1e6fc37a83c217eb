namespace Serverless.Pipeline.Results;

/// <summary>One step of a document's run as the result shows it: who served it, what it used and cost, and whether it came from the step cache.</summary>
public sealed record StepRecord(string Step, string? Provider, string? Model, long InputTokens, long OutputTokens, decimal Cost, bool Cached, double DurationMs);
