using Serverless.Pipeline.Results;

namespace Serverless.Pipeline.Workflow;

/// <summary>One embedded batch (the vectors stay in the step cache).</summary>
public sealed record EmbedBatchOutput(int Batch, int Vectors, StepRecord Step);
