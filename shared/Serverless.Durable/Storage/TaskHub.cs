using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Serverless.Durable.Storage;

/// <summary>
/// The task hub's storage: tables (history + inbox + sentinel per instance partition, instances, poison), the
/// control and work-item queues, the large-payload container, and the in-process wake-up signals.
/// </summary>
internal sealed class TaskHub
{
    /// <summary>Above this many characters a payload goes to a blob (a table string property holds 32K UTF-16 characters, 64 KB).</summary>
    public const int MaxInlineChars = 30_000;

    public const string SentinelRowKey = "sentinel";
    public const string HistoryPrefix = "h";
    public const string InboxPrefix = "i";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Started, Task Send)> _wakesInFlight = new();
    private int _created;

    public TaskHub(IOptions<DurableTaskOptions> options, TimeProvider time, EngineHooks hooks)
    {
        Options = options.Value;
        Time = time;
        Hooks = hooks;
        var tables = new TableServiceClient(Options.ConnectionString, Configured(new TableClientOptions()));
        History = tables.GetTableClient(Options.HistoryTableName);
        Instances = tables.GetTableClient(Options.InstancesTableName);
        Poison = tables.GetTableClient(Options.PoisonTableName);
        var queues = new QueueServiceClient(Options.ConnectionString, Configured(new QueueClientOptions()));
        Control = queues.GetQueueClient(Options.OrchestrationQueueName);
        WorkItems = queues.GetQueueClient(Options.ActivityQueueName);
        Large = new BlobServiceClient(Options.ConnectionString, Configured(new BlobClientOptions())).GetBlobContainerClient(Options.LargeMessagesContainerName);
    }

    private T Configured<T>(T clientOptions)
        where T : Azure.Core.ClientOptions
    {
        Options.ConfigureStorageClients?.Invoke(clientOptions);
        return clientOptions;
    }

    public DurableTaskOptions Options { get; }

    public TimeProvider Time { get; }

    public EngineHooks Hooks { get; }

    public TableClient History { get; }

    public TableClient Instances { get; }

    public TableClient Poison { get; }

    public QueueClient Control { get; }

    public QueueClient WorkItems { get; }

    public BlobContainerClient Large { get; }

    public WorkSignal ControlSignal { get; } = new();

    public WorkSignal WorkItemSignal { get; } = new();

    /// <summary>Set whenever this process writes a status row (lets waiting clients re-check at once).</summary>
    public WorkSignal StatusSignal { get; } = new();

    /// <summary>Storage calls made by this process's engine, client status reads excluded (for the benchmark's calls-per-activity figure).</summary>
    public long StorageCalls => Interlocked.Read(ref _storageCalls);

    private long _storageCalls;

    public void Count(int calls = 1) => Interlocked.Add(ref _storageCalls, calls);

    public DateTime UtcNow => Time.GetUtcNow().UtcDateTime;

    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _created) == 1 || !Options.CreateResourcesIfMissing)
        {
            return;
        }

        await Task.WhenAll(
            History.CreateIfNotExistsAsync(ct),
            Instances.CreateIfNotExistsAsync(ct),
            Poison.CreateIfNotExistsAsync(ct),
            Control.CreateIfNotExistsAsync(cancellationToken: ct),
            WorkItems.CreateIfNotExistsAsync(cancellationToken: ct),
            Large.CreateIfNotExistsAsync(cancellationToken: ct));
        Volatile.Write(ref _created, 1);
    }

    public static void ValidateInstanceId(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (instanceId.Length > 256 || instanceId.StartsWith('@') ||
            instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException(
                $"Instance id '{instanceId}' is invalid: at most 256 characters, no '/', '\\', '#', '?' or control characters, not starting with '@'.",
                nameof(instanceId));
        }
    }

    public static string HistoryRowKey(int position) => HistoryPrefix + position.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);

    public static string InboxRowKey(string messageId) => InboxPrefix + messageId;

    public async Task SendAsync(QueueClient queue, WorkMessage message, TimeSpan? delay, CancellationToken ct)
    {
        var text = JsonSerializer.Serialize(message, DurableJsonContext.Default.WorkMessage);
        var visibility = delay is { } d && d > TimeSpan.Zero ? (d > Options.MaxTimerDelay ? Options.MaxTimerDelay : d) : (TimeSpan?)null;
        Count();
        await queue.SendMessageAsync(text, visibility, TimeSpan.FromSeconds(-1), ct);
        if (Hooks.DuplicateSends)
        {
            await queue.SendMessageAsync(text, visibility, TimeSpan.FromSeconds(-1), ct);
        }
        if (visibility is null)
        {
            (queue == WorkItems ? WorkItemSignal : ControlSignal).Set();
        }
    }

    /// <summary>
    /// Queues a wake-up for an instance. A caller that wrote an inbox row passes <paramref name="writtenAt"/> (a
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp taken after the write completed); it may share a wake-up of
    /// this process whose send started after that moment and is still in flight: that message reaches the queue after
    /// the row is durable, so the episode it triggers sees the row.
    /// </summary>
    public Task WakeAsync(string instanceId, CancellationToken ct, TimeSpan? delay = null, DateTime? notBefore = null, long? writtenAt = null)
    {
        if (delay is { } d && d > TimeSpan.Zero)
        {
            return SendAsync(Control, new WorkMessage { Kind = WorkMessage.Wake, InstanceId = instanceId, FireAt = notBefore }, delay, ct);
        }

        if (writtenAt is { } written && _wakesInFlight.TryGetValue(instanceId, out var inFlight) && inFlight.Started > written && !inFlight.Send.IsCompleted)
        {
            return inFlight.Send;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var send = SendAsync(Control, new WorkMessage { Kind = WorkMessage.Wake, InstanceId = instanceId }, null, ct);
        var entry = (started, send);
        _wakesInFlight[instanceId] = entry;
        _ = send.ContinueWith(_ => _wakesInFlight.TryRemove(new KeyValuePair<string, (long, Task)>(instanceId, entry)), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return send;
    }

    public static WorkMessage ParseMessage(string text) =>
        JsonSerializer.Deserialize(text, DurableJsonContext.Default.WorkMessage) ?? throw new JsonException("empty queue message");

    /// <summary>Writes an event to an instance's inbox; an existing row with the same message id wins (redelivery is harmless).</summary>
    public async Task AddToInboxAsync(string instanceId, HistoryEvent e, CancellationToken ct, DateTime? notBefore = null)
    {
        var rowKey = InboxRowKey(e.MessageId ?? throw new ArgumentException("inbound events need a message id"));
        var entity = new TableEntity(instanceId, rowKey)
        {
            ["Seq"] = UtcNow.Ticks,
        };
        if (notBefore is { } nb)
        {
            entity["NotBefore"] = DateTime.SpecifyKind(nb, DateTimeKind.Utc);
        }

        await PutEventAsync(entity, instanceId, "inbox-" + e.MessageId, e, ct);
        try
        {
            Count();
            await History.AddEntityAsync(entity, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Already delivered: the first copy wins.
        }
    }

    /// <summary>Puts an event's JSON on a row, or in a blob when it is too large to store inline.</summary>
    public async Task PutEventAsync(TableEntity entity, string instanceId, string blobSuffix, HistoryEvent e, CancellationToken ct)
    {
        var json = DurableJson.Event(e);
        if (json.Length <= MaxInlineChars)
        {
            entity["Event"] = json;
            return;
        }

        var blobName = $"{instanceId}/{blobSuffix}.json";
        Count();
        await Large.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(json), overwrite: true, ct);
        entity["EventBlob"] = blobName;
    }

    public async Task<HistoryEvent> GetEventAsync(TableEntity entity, CancellationToken ct)
    {
        if (entity.GetString("Event") is { } json)
        {
            return DurableJson.Event(json);
        }

        var blob = entity.GetString("EventBlob") ?? throw new InvalidOperationException($"Row {entity.PartitionKey}/{entity.RowKey} holds no event.");
        return DurableJson.Event(await DownloadAsync(blob, ct));
    }

    /// <summary>Stores a payload inline in <paramref name="property"/> or in a blob named in <c>{property}Blob</c>.</summary>
    public async Task PutPayloadAsync(TableEntity entity, string property, string? value, string blobName, CancellationToken ct)
    {
        if (value is null || value.Length <= MaxInlineChars)
        {
            entity[property] = value;
            entity[property + "Blob"] = null;
            return;
        }

        Count();
        await Large.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(value), overwrite: true, ct);
        entity[property] = null;
        entity[property + "Blob"] = blobName;
    }

    public async Task<string?> GetPayloadAsync(TableEntity entity, string property, CancellationToken ct) =>
        entity.GetString(property + "Blob") is { Length: > 0 } blob ? await DownloadAsync(blob, ct) : entity.GetString(property);

    private async Task<string> DownloadAsync(string blobName, CancellationToken ct)
    {
        Count();
        var content = await Large.GetBlobClient(blobName).DownloadContentAsync(ct);
        return Encoding.UTF8.GetString(content.Value.Content.ToMemory().Span);
    }
}
