namespace Serverless.Pipeline.Extraction;

/// <summary>The text of one page (1-based number) and where it came from.</summary>
public sealed record ExtractedPage(int PageNumber, string Text, PageSource Source);
