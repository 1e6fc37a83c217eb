namespace Serverless.App.Api;

/// <summary>One search hit as the API returns it; <paramref name="WorkflowId"/> is the workflow that processed the document (for its status and result).</summary>
internal sealed record SearchResultItem(string DocumentId, int Chunk, int Page, double Score, string Text, string? DocumentName = null, string? WorkflowId = null);
