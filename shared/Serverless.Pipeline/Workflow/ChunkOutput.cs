using Serverless.Pipeline.Results;

namespace Serverless.Pipeline.Workflow;

/// <summary>How many chunks the document has and in how many embedding batches (the fan-out width).</summary>
public sealed record ChunkOutput(int ChunkCount, int BatchCount, StepRecord Step);
