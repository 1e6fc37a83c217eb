namespace Serverless.App.Storage;

/// <summary>
/// Every container, queue and table name the app uses, in one place. Each can be overridden in
/// <see cref="AppOptions"/> (tests use unique names); these are the defaults and what function.json names.
/// </summary>
internal static class StorageNames
{
    /// <summary>Blob drop: <c>incoming/{tenant}/…</c> starts one workflow per blob content version.</summary>
    public const string IncomingContainer = "incoming";

    /// <summary>Files uploaded through the HTTP API: <c>uploads/{tenant}/{sha256}/{file name}</c>.</summary>
    public const string UploadsContainer = "uploads";

    /// <summary>Workflow results: <c>results/{tenant}/{instance id}.json</c>.</summary>
    public const string ResultsContainer = "results";

    /// <summary>Event Grid BlobCreated events for <see cref="IncomingContainer"/> (the production entry).</summary>
    public const string BlobEventsQueue = "incoming-events";

    /// <summary>The ERP entry: CloudEvents 1.0 JSON messages that name a document blob.</summary>
    public const string ErpInboundQueue = "erp-inbound";

    /// <summary>Completions of ERP-started workflows, as CloudEvents 1.0 JSON.</summary>
    public const string ErpOutboundQueue = "erp-outbound";

    /// <summary>One row per started blob content version (which app instance started it, and when).</summary>
    public const string BlobReceiptsTable = "blobreceipts";

    /// <summary>Refused drops, ERP events and uploads, per tenant (<c>GET /api/v1/rejections</c>).</summary>
    public const string RejectionsTable = "rejections";

    /// <summary>The default container of ERP documents (claim check): apart from <see cref="IncomingContainer"/>, so that blob drop never sees them.</summary>
    public const string ErpDocumentsContainer = "erp-documents";

    /// <summary>Tenant API keys, stored as SHA-256 hashes.</summary>
    public const string ApiKeysTable = "apikeys";

    /// <summary>The task hub of the durable engine.</summary>
    public const string TaskHub = "serverless";

    /// <summary>The Functions convention: a message that failed its last attempt goes to <c>{queue}-poison</c>.</summary>
    public static string Poison(string queueName) => queueName + "-poison";
}
