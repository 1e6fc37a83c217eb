namespace Serverless.App.Rejections;

/// <summary>The stable reason codes of rejected inputs, as the poison envelope and <c>GET /api/v1/rejections</c> show them.</summary>
internal static class RejectionCodes
{
    public const string Invalid = "invalid";
    public const string TooLarge = "too-large";
    public const string InvalidJson = "invalid-json";
    public const string SchemaViolation = "schema-violation";
    public const string InvalidEvent = "invalid-event";
    public const string UnknownSource = "unknown-source";
    public const string TenantMismatch = "tenant-mismatch";
    public const string InvalidName = "invalid-name";
    public const string BlobMissing = "blob-missing";
    public const string UnsupportedContent = "unsupported-content";
    public const string OutsideTenantFolder = "outside-tenant-folder";
}
