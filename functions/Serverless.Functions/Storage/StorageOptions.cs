using System.ComponentModel.DataAnnotations;

namespace Serverless.Functions.Storage;

/// <summary>Where the app's storage account is. The Functions convention: one connection string.</summary>
internal sealed class StorageOptions
{
    /// <summary>The configuration key of the connection string, as the Functions host names it.</summary>
    public const string ConnectionSettingName = "AzureWebJobsStorage";

    [Required(ErrorMessage = "Set AzureWebJobsStorage to a storage connection string (UseDevelopmentStorage=true for Azurite on its default ports).")]
    public string ConnectionString { get; set; } = "";

    /// <summary>How long a health probe waits for each storage service.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan HealthProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
