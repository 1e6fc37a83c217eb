namespace Serverless.Pipeline.Workflow;

/// <summary>A human's answer to a low-confidence classification (the payload of the review event).</summary>
public sealed record ReviewDecision(string Label, string? Reviewer = null, string? Comment = null);
