using System.ComponentModel.DataAnnotations;

namespace Serverless.App.Storage;

/// <summary>
/// Where the app's storage account is, in the Functions host's own convention for the <c>AzureWebJobsStorage</c>
/// connection: either a connection string (<c>AzureWebJobsStorage</c>; Azurite locally) or an identity-based
/// connection (<c>AzureWebJobsStorage__accountName</c>, or <c>__blobServiceUri</c> + <c>__queueServiceUri</c> +
/// <c>__tableServiceUri</c>; <c>__credential</c> = <c>managedidentity</c> and <c>__clientId</c> for a user-assigned identity).
/// </summary>
internal sealed class StorageOptions : IValidatableObject
{
    /// <summary>The configuration key of the connection, as the Functions host names it.</summary>
    public const string ConnectionSettingName = "AzureWebJobsStorage";

    /// <summary>A storage connection string; empty when the connection is identity-based.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary><c>AzureWebJobsStorage__accountName</c>: the account, whose endpoints are the public cloud's.</summary>
    public string? AccountName { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public Uri? TableServiceUri { get; set; }

    /// <summary><c>AzureWebJobsStorage__clientId</c>: the client id of a user-assigned managed identity.</summary>
    public string? ClientId { get; set; }

    /// <summary>How long a health probe waits for each storage service.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan HealthProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>True when the connection is a connection string, false when it uses a token credential.</summary>
    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>The blob endpoint of an identity-based connection (methods, not properties: the configuration binder reads every property).</summary>
    public Uri BlobEndpoint() => BlobServiceUri ?? Endpoint("blob");

    public Uri QueueEndpoint() => QueueServiceUri ?? Endpoint("queue");

    public Uri TableEndpoint() => TableServiceUri ?? Endpoint("table");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesConnectionString)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(AccountName) && (BlobServiceUri is null || QueueServiceUri is null || TableServiceUri is null))
        {
            yield return new ValidationResult(
                "Set AzureWebJobsStorage to a storage connection string (UseDevelopmentStorage=true for Azurite on its default ports), "
                + "or AzureWebJobsStorage__accountName (or __blobServiceUri, __queueServiceUri and __tableServiceUri) for an identity-based connection.",
                [nameof(ConnectionString)]);
        }
    }

    private Uri Endpoint(string service) =>
        new($"https://{AccountName}.{service}.core.windows.net");
}
