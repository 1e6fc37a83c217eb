using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Cost;

namespace Serverless.Pipeline.Embedding;

/// <summary>The vectors of one batch (in input order), who made them and what they cost.</summary>
public sealed record EmbeddingBatch(IReadOnlyList<float[]> Vectors, ResolvedRoute Route, StepUsage Usage);
