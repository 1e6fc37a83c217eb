namespace Serverless.Inference.Summarization;

/// <summary>Summarise <c>text</c> within <c>maxTokens</c> cl100k tokens (default 150).</summary>
internal sealed record SummarizeRequest(string? Text, int? MaxTokens);

internal sealed record SummarizeResponse(string Summary, string Model, IReadOnlyList<SummarySentence> Sentences, Usage Usage);

/// <summary>A chosen sentence: its index among the text's sentences and its TextRank score.</summary>
internal sealed record SummarySentence(int Index, string Text, double Score);

internal sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens);
