using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Serverless.Functions.Storage;

/// <summary>The blob, queue and table service clients of the app's storage account.</summary>
internal sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options)
    {
        var connection = options.Value.ConnectionString;
        Blobs = new BlobServiceClient(connection, Configure(new BlobClientOptions()));
        Queues = new QueueServiceClient(connection, Configure(new QueueClientOptions()));
        Tables = new TableServiceClient(connection, Configure(new TableClientOptions()));
    }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    public TableServiceClient Tables { get; }

    private static T Configure<T>(T options)
        where T : ClientOptions
    {
        // Fail fast and let callers (queue visibility, activity retry policies) own retrying.
        options.Retry.MaxRetries = 2;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }
}
