namespace Serverless.App.Api;

/// <summary>One search hit as the API returns it.</summary>
internal sealed record SearchResultItem(string DocumentId, int Chunk, int Page, double Score, string Text, string? DocumentName = null);
