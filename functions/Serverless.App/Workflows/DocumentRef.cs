namespace Serverless.App.Workflows;

/// <summary>
/// The input of a document workflow: whose document, where its bytes are, and which version.
/// <paramref name="ContentSha256"/> pins the version: readers check it, so a blob overwritten with
/// other bytes after the start fails this workflow clearly (the new content has its own workflow)
/// instead of being read in its place. <paramref name="HoldUntilEvent"/>, when set, makes the workflow wait for
/// that external event (a person's release, raised through the API) before it works on the document.
/// </summary>
internal sealed record DocumentRef(
    string Tenant, string Container, string BlobName, string ContentSha256, string? ContentType, string? HoldUntilEvent = null)
{
    /// <summary>Marked confidential by the entry (form field, message field; blob metadata is read by the workflow).</summary>
    public bool Confidential { get; init; }

    /// <summary>The caller's file name (only checked against the sniffed type).</summary>
    public string? FileName { get; init; }

    /// <summary>Completion callback (http/https), called with an Idempotency-Key.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>A queue that gets the completion (ERP entry).</summary>
    public string? ReplyQueue { get; init; }

    /// <summary>How the document arrived (<see cref="DocumentEntries"/>).</summary>
    public string? Entry { get; init; }

    /// <summary>The caller's correlation id (the inbound CloudEvent's id).</summary>
    public string? CorrelationId { get; init; }
}

/// <summary>The ways a document enters, as the dashboard and the status show them.</summary>
internal static class DocumentEntries
{
    public const string Http = "http";
    public const string Blob = "blob";
    public const string Erp = "erp";
}
