namespace Serverless.Inference.Ocr;

internal sealed record OcrResponse(string Engine, int PageCount, double DurationMs, IReadOnlyList<OcrPage> Pages);

/// <summary>One page: its pixel size, text (lines separated by newlines), words, and the mean word confidence (0-100).</summary>
internal sealed record OcrPage(int PageNumber, int Width, int Height, string Text, double MeanConfidence, IReadOnlyList<OcrWord> Words);

internal sealed record OcrWord(string Text, double Confidence, OcrBox Box);

internal sealed record OcrBox(int X, int Y, int Width, int Height);
