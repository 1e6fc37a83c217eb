namespace Serverless.Inference.Classification;

internal sealed record ClassificationResult(string Label, double Confidence, string Rationale, IReadOnlyList<LabelScore> Scores);
