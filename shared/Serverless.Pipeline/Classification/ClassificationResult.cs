using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Cost;

namespace Serverless.Pipeline.Classification;

/// <summary>A validated classification: a taxonomy label, a confidence in 0..1, a short rationale, who served it and what it cost.</summary>
public sealed record ClassificationResult(string Label, double Confidence, string Rationale, ResolvedRoute Route, StepUsage Usage, int Attempts)
{
    /// <summary>True when a human should decide (the confidence is below <paramref name="threshold"/>, see <see cref="PipelineOptions.ReviewConfidenceThreshold"/>).</summary>
    public bool NeedsReview(double threshold) => Confidence < threshold;
}
