namespace Serverless.App.Rejections;

/// <summary>
/// One refused input as <c>GET /api/v1/rejections</c> shows it: when, through which entry (<see cref="RejectionEntries"/>),
/// the name it carried (escaped with <see cref="LogText"/>), the reason code and message, and a reference
/// (the ERP event's source and id, the queue message id) where there is one.
/// </summary>
internal sealed record Rejection(DateTimeOffset Time, string Entry, string Name, string Code, string Message, string? Reference);

/// <summary>The entries a rejection can come through.</summary>
internal static class RejectionEntries
{
    public const string BlobDrop = "blob-drop";
    public const string Erp = "erp";
    public const string Upload = "upload";
}

/// <summary>One page of a tenant's rejections, newest first; pass <see cref="ContinuationToken"/> back for the next.</summary>
internal sealed record RejectionPage(IReadOnlyList<Rejection> Items, string? ContinuationToken);
