namespace Serverless.Pipeline.Workflow;

/// <summary>
/// The input of <see cref="DocumentPipeline"/>: whose document, where its bytes are and which version
/// (<see cref="ContentSha256"/>: the bytes are checked against it), plus how the caller wants to hear back.
/// Messages carry this reference, never the document itself.
/// </summary>
public sealed record DocumentPipelineInput(string Tenant, string Container, string BlobName, string ContentSha256)
{
    /// <summary>The original file name (checked against the sniffed format, never trusted for it).</summary>
    public string? FileName { get; init; }

    /// <summary>Marked confidential by the entry (upload field, message field); blob metadata <c>confidential</c> is read too.</summary>
    public bool Confidential { get; init; }

    /// <summary>An absolute http(s) URL that receives the completion (POST, with <c>Idempotency-Key</c> = instance id + step).</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>A storage queue that receives the completion (the ERP entry's <c>erp-outbound</c>); handled by a host's notifier.</summary>
    public string? ReplyQueue { get; init; }

    /// <summary>The caller's correlation id (e.g. the inbound CloudEvent id), echoed in the completion.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>How the document arrived: <c>http</c>, <c>blob</c> or <c>erp</c> (null for workflows started before it was recorded).</summary>
    public string? Entry { get; init; }

    /// <summary>When set, the workflow waits for this external event (a release) before it reads the document.</summary>
    public string? HoldUntilEvent { get; init; }
}
