using System.ComponentModel.DataAnnotations;

namespace Serverless.LocalHost.Engine;

/// <summary>
/// The local engine's settings under the names of <c>host.json</c>'s <c>extensions.durableTask</c> section, so that the
/// local host and Azure read one file. Overridden like the Functions host does, by
/// <c>AzureFunctionsJobHost__extensions__durableTask__…</c> settings.
/// </summary>
internal sealed class DurableEngineOptions
{
    /// <summary>Where host.json keeps the section.</summary>
    public const string HostJsonSection = "extensions:durableTask";

    /// <summary>The Functions host's override prefix for host.json values.</summary>
    public const string OverrideSection = "AzureFunctionsJobHost:" + HostJsonSection;

    /// <summary>The task hub: its queues, tables and lease container are named after it.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "extensions:durableTask:hubName must be 3-45 letters and digits, starting with a letter.")]
    public string HubName { get; set; } = "serverless";

    [Range(1, 1000)]
    public int MaxConcurrentActivityFunctions { get; set; } = 32;

    [Range(1, 1000)]
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 32;

    public StorageProviderOptions StorageProvider { get; set; } = new();

    /// <summary>The Azure Storage provider's settings (host.json <c>extensions.durableTask.storageProvider</c>).</summary>
    internal sealed class StorageProviderOptions
    {
        /// <summary>Control queues; an orchestration lives in one, and workers share them by lease.</summary>
        [Range(1, 16)]
        public int PartitionCount { get; set; } = 4;

        /// <summary>The longest wait between polls of an empty queue.</summary>
        public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>How long a dead worker's orchestration messages stay invisible before another worker gets them.</summary>
        public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

        /// <summary>How long a dead worker's activity messages stay invisible before another worker runs them again.</summary>
        public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

        /// <summary>Blob-lease partition management of DTFx 1.x (the default 2.x manager keeps partitions in a table).</summary>
        public bool UseLegacyPartitionManagement { get; set; }

        public bool UseTablePartitionManagement { get; set; } = true;
    }
}
