namespace Serverless.Pipeline.Extraction;

/// <summary>The recognised text of one page and the engine's mean word confidence (0..100).</summary>
public sealed record OcrPageText(int PageNumber, string Text, double MeanConfidence);
