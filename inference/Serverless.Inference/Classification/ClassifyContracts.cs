using Serverless.Inference.Summarization;

namespace Serverless.Inference.Classification;

/// <summary>Classify <c>text</c> into one of <c>labels</c> (the taxonomy travels with the request); <c>model</c> is optional.</summary>
internal sealed record ClassifyRequest(string? Text, IReadOnlyList<ClassifyLabel>? Labels, string? Model = null);

/// <summary>A label: its name, a description of what belongs to it, optional example texts.</summary>
internal sealed record ClassifyLabel(string? Name, string? Description, IReadOnlyList<string>? Examples);

internal sealed record ClassifyResponse(string Label, double Confidence, string Rationale, string Model, IReadOnlyList<LabelScore> Scores, Usage Usage);

internal sealed record LabelScore(string Label, double Score);
