using System.ComponentModel.DataAnnotations;

namespace Serverless.Durable;

/// <summary>Engine settings (configuration section <see cref="SectionName"/>).</summary>
public sealed class DurableTaskOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "DurableTask";

    /// <summary>The Azure Storage connection string (Azurite locally).</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Prefixes every table, queue and container: letters and digits, 3-45 characters, starting with a letter.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "TaskHubName must be 3-45 letters or digits and start with a letter.")]
    public string TaskHubName { get; set; } = "DurableHub";

    /// <summary>Orchestration episodes one worker runs at a time (default 8 x cores).</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentOrchestrations { get; set; } = 8 * Environment.ProcessorCount;

    /// <summary>Activities one worker runs at a time (default 16 x cores).</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentActivities { get; set; } = 16 * Environment.ProcessorCount;

    /// <summary>The ceiling of the idle polling back-off (default 1 s). Work enqueued by this process wakes its pollers at once.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries after which a message is moved to the poison table and its instance fails (default 5).</summary>
    [Range(1, 1000)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>False in Functions mode, where the host's queue trigger delivers messages to <see cref="IDurableMessageHandler"/>.</summary>
    public bool StartWorker { get; set; } = true;

    /// <summary>The version recorded for new instances that do not name one.</summary>
    public string DefaultVersion { get; set; } = "";

    /// <summary>How long a received orchestration message stays invisible to other workers (default 30 s).</summary>
    public TimeSpan OrchestrationVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a received activity message stays invisible; renewed while the activity runs (default 2 min).</summary>
    public TimeSpan ActivityVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>An instance whose history would exceed this many events fails with a clear message (default 20,000).</summary>
    [Range(10, 1_000_000)]
    public int MaxHistoryEvents { get; set; } = 20_000;

    /// <summary>The longest queue visibility delay used for a timer (default 6 days, below the 7-day queue limit); longer timers are re-enqueued.</summary>
    public TimeSpan MaxTimerDelay { get; set; } = TimeSpan.FromDays(6);

    /// <summary>
    /// Adjusts the options of every storage client the engine creates (table, queue, blob) before they are
    /// built: pipeline policies, retries, diagnostics. The reliability tests add a fault-injecting policy here.
    /// </summary>
    public Action<Azure.Core.ClientOptions>? ConfigureStorageClients { get; set; }

    /// <summary>Create the tables, queues and container at start when missing (default true).</summary>
    public bool CreateResourcesIfMissing { get; set; } = true;

    /// <summary>The orchestration (control) queue: wake-ups and timers.</summary>
    public string OrchestrationQueueName => TaskHubName.ToLowerInvariant() + "-control";

    /// <summary>The activity (work-item) queue.</summary>
    public string ActivityQueueName => TaskHubName.ToLowerInvariant() + "-workitems";

    /// <summary>Every queue the engine reads.</summary>
    public IReadOnlyList<string> QueueNames => [OrchestrationQueueName, ActivityQueueName];

    /// <summary>The history table (history, inbox and sentinel rows; partition = instance id).</summary>
    public string HistoryTableName => TaskHubName + "History";

    /// <summary>The instances (status) table.</summary>
    public string InstancesTableName => TaskHubName + "Instances";

    /// <summary>Dead-lettered messages with their reason.</summary>
    public string PoisonTableName => TaskHubName + "Poison";

    /// <summary>Offloaded payloads over the inline limit.</summary>
    public string LargeMessagesContainerName => TaskHubName.ToLowerInvariant() + "-largemessages";
}
