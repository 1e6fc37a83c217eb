using System.ComponentModel.DataAnnotations;
using Serverless.App.Storage;

namespace Serverless.App;

/// <summary>How the app runs: storage names, ingestion and the HTTP API's limits.</summary>
internal sealed class AppOptions
{
    public const string SectionName = "App";

    /// <summary>How blob drops are noticed in local host mode.</summary>
    public IngestionMode Ingestion { get; set; } = IngestionMode.Watcher;

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "App:IncomingContainer must be a valid container name.")]
    public string IncomingContainer { get; set; } = StorageNames.IncomingContainer;

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "App:UploadsContainer must be a valid container name.")]
    public string UploadsContainer { get; set; } = StorageNames.UploadsContainer;

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "App:BlobEventsQueue must be a valid queue name.")]
    public string BlobEventsQueue { get; set; } = StorageNames.BlobEventsQueue;

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "App:BlobReceiptsTable must be a valid table name.")]
    public string BlobReceiptsTable { get; set; } = StorageNames.BlobReceiptsTable;

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "App:RejectionsTable must be a valid table name.")]
    public string RejectionsTable { get; set; } = StorageNames.RejectionsTable;

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "App:ApiKeysTable must be a valid table name.")]
    public string ApiKeysTable { get; set; } = StorageNames.ApiKeysTable;

    /// <summary>How often the blob watcher lists the incoming container.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Queue listeners: the longest wait between polls of an empty queue (host.json maxPollingInterval).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Queue listeners: how long a received message stays invisible (host.json visibilityTimeout is the retry delay).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Queue listeners: the delay before a failed message is visible again (host.json queues.visibilityTimeout).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before a message goes to <c>{queue}-poison</c> (host.json maxDequeueCount).</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Messages fetched per poll (host.json batchSize).</summary>
    [Range(1, 32)]
    public int BatchSize { get; set; } = 16;

    /// <summary>The largest file (or JSON body) the HTTP API accepts.</summary>
    [Range(1, 1L << 32)]
    public long MaxRequestBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>The largest request body: <see cref="MaxRequestBytes"/> plus multipart framing and form fields.</summary>
    public long MaxRequestBodyBytes => MaxRequestBytes + (64 * 1024);

    /// <summary>Requests per API key per <see cref="RateLimitWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPermits { get; set; } = 120;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Which workflow the entries start: <c>DocumentPipeline</c> (the default; it needs section <c>Pipeline:Providers</c>,
    /// and the app stops at start without it) or, by name only, the demo <c>DocumentStats</c>.
    /// </summary>
    public WorkflowKind? Workflow { get; set; }

    /// <summary>The ERP entry: CloudEvents 1.0 JSON messages naming a blob in <c>incoming/{tenant}/</c>.</summary>
    [Required]
    public string ErpInboundQueue { get; set; } = StorageNames.ErpInboundQueue;

    /// <summary>Where completions of ERP-started workflows go (CloudEvents 1.0 JSON).</summary>
    [Required]
    public string ErpOutboundQueue { get; set; } = StorageNames.ErpOutboundQueue;

    /// <summary>
    /// A link to an instance in Durable Functions Monitor (or any tool), with <c>{instanceId}</c> in it, e.g.
    /// <c>http://localhost:7072/serverless/orchestrations/{instanceId}</c>; the dashboard shows it on each document. Empty: no link.
    /// </summary>
    [MaxLength(2000)]
    public string? MonitorInstanceUrl { get; set; }

    /// <summary>Housekeeping: finished workflows created longer ago than this many days are purged, with their old blob receipts.</summary>
    [Range(1, 3650, ErrorMessage = "App:RetentionDays must be between 1 and 3650.")]
    public int RetentionDays { get; set; } = 30;
}

internal enum WorkflowKind
{
    /// <summary>The document pipeline (extract, summarise, classify, embed, index): needs section <c>Pipeline</c>.</summary>
    DocumentPipeline,

    /// <summary>The demo workflow that counts bytes and lines (no AI, no inference app).</summary>
    DocumentStats,
}

internal enum IngestionMode
{
    /// <summary>List the incoming container on an interval (works on Azurite, needs no Event Grid).</summary>
    Watcher,

    /// <summary>Read BlobCreated events from <see cref="AppOptions.BlobEventsQueue"/> (what production uses).</summary>
    EventGrid,

    /// <summary>No blob ingestion (tests of other parts).</summary>
    None,
}
