using Serverless.Pipeline.Results;

namespace Serverless.Pipeline.Workflow;

/// <summary>The summary and the step's record (provider, model, tokens, cost, cached).</summary>
public sealed record SummarizeOutput(string Summary, StepRecord Step);
