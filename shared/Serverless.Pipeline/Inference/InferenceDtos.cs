namespace Serverless.Pipeline.Inference;

// The inference app's JSON (contract B, camelCase).
internal sealed record OcrResponse(string Engine, int PageCount, double DurationMs, IReadOnlyList<OcrPage> Pages);

internal sealed record OcrPage(int PageNumber, int Width, int Height, string Text, double MeanConfidence);

internal sealed record InferenceUsage(int PromptTokens, int CompletionTokens, int TotalTokens);

internal sealed record SummarizeRequest(string Text, int MaxTokens);

internal sealed record SummarizeResponse(string Summary, string Model, InferenceUsage? Usage);

internal sealed record ClassifyLabel(string Name, string Description, IReadOnlyList<string> Examples);

internal sealed record ClassifyRequest(string Text, IReadOnlyList<ClassifyLabel> Labels);

internal sealed record ClassifyResponse(string Label, double Confidence, string? Rationale, string Model, InferenceUsage? Usage);
