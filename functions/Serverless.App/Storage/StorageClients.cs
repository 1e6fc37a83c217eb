using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Serverless.App.Storage;

/// <summary>The blob, queue and table service clients of the app's storage account (connection string or managed identity).</summary>
internal sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options)
    {
        var o = options.Value;
        if (o.UsesConnectionString)
        {
            Blobs = new BlobServiceClient(o.ConnectionString, Configure(new BlobClientOptions()));
            Queues = new QueueServiceClient(o.ConnectionString, Configure(new QueueClientOptions()));
            Tables = new TableServiceClient(o.ConnectionString, Configure(new TableClientOptions()));
        }
        else
        {
            Credential = CreateCredential(o);
            Blobs = new BlobServiceClient(o.BlobEndpoint(), Credential, Configure(new BlobClientOptions()));
            Queues = new QueueServiceClient(o.QueueEndpoint(), Credential, Configure(new QueueClientOptions()));
            Tables = new TableServiceClient(o.TableEndpoint(), Credential, Configure(new TableClientOptions()));
        }
    }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    public TableServiceClient Tables { get; }

    /// <summary>The identity used for an identity-based connection; null with a connection string.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>The credential the Functions host uses for identity-based connections: managed identity in Azure, developer credentials locally.</summary>
    public static TokenCredential CreateCredential(StorageOptions options) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ClientId });

    private static T Configure<T>(T options)
        where T : ClientOptions
    {
        // Fail fast and let callers (queue visibility, activity retry policies) own retrying.
        options.Retry.MaxRetries = 2;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }
}
