namespace Serverless.Functions.Workflows;

/// <summary>
/// The input of a document workflow: whose document, where its bytes are, and which version.
/// <paramref name="ContentSha256"/> pins the version: readers check it, so a blob overwritten with
/// other bytes after the start fails this workflow clearly (the new content has its own workflow)
/// instead of being read in its place. <paramref name="HoldUntilEvent"/>, when set, makes the workflow wait for
/// that external event (a person's release, raised through the API) before it works on the document.
/// </summary>
internal sealed record DocumentRef(
    string Tenant, string Container, string BlobName, string ContentSha256, string? ContentType, string? HoldUntilEvent = null);
