using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Cost;
using Shouldly;

namespace Serverless.Pipeline.Tests.Classification;

/// <summary>The review rule: below the threshold a human decides; 0 sends nothing, 1 everything (even a model that reports certainty).</summary>
public sealed class NeedsReviewTests
{
    [Theory]
    [InlineData(0.39, 0.4, true)]
    [InlineData(0.4, 0.4, false)]
    [InlineData(0.9, 0.4, false)]
    [InlineData(0.0, 0.0, false)]
    [InlineData(0.9999, 1.0, true)]
    [InlineData(1.0, 1.0, true)]
    public void NeedsReview_ConfidenceAgainstThreshold(double confidence, double threshold, bool expected) =>
        Result(confidence).NeedsReview(threshold).ShouldBe(expected);

    private static ClassificationResult Result(double confidence) =>
        new("invoice", confidence, "test", new ResolvedRoute(AiStep.Classify, "inference", ProviderKind.Inference, "m", false), StepUsage.None("classify", "inference", "m"), 1);
}
