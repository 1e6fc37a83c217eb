using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Cost;

namespace Serverless.Pipeline.Classification;

/// <summary>A validated classification: a taxonomy label, a confidence in 0..1, a short rationale, who served it and what it cost.</summary>
public sealed record ClassificationResult(string Label, double Confidence, string Rationale, ResolvedRoute Route, StepUsage Usage, int Attempts)
{
    /// <summary>
    /// True when a human should decide: the confidence is below <paramref name="threshold"/> (see
    /// <see cref="PipelineOptions.ReviewConfidenceThreshold"/>), and a threshold of 1 sends every label to a human
    /// (a model that reports certainty, or rounds to it, still gets reviewed).
    /// </summary>
    public bool NeedsReview(double threshold) => threshold >= 1 || Confidence < threshold;
}
