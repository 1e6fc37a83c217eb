using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Serverless.Pipeline;

/// <summary>
/// The pipeline's own storage clients (kept apart from the host's so that registrations never clash);
/// containers and tables are created on first use.
/// </summary>
public sealed class PipelineStorage
{
    private readonly PipelineStorageOptions _options;
    private readonly Lazy<Task<BlobContainerClient>> _cache;
    private readonly Lazy<Task<TableClient>> _registry;
    private readonly Lazy<Task<TableClient>> _vectors;

    public PipelineStorage(IOptions<PipelineOptions> options)
    {
        _options = options.Value.Storage;
        var blobs = string.IsNullOrEmpty(_options.ConnectionString)
            ? new BlobServiceClient(_options.BlobServiceUri ?? throw Missing(nameof(_options.BlobServiceUri)), new DefaultAzureCredential())
            : new BlobServiceClient(_options.ConnectionString);
        var tables = string.IsNullOrEmpty(_options.ConnectionString)
            ? new TableServiceClient(_options.TableServiceUri ?? throw Missing(nameof(_options.TableServiceUri)), new DefaultAzureCredential())
            : new TableServiceClient(_options.ConnectionString);

        _cache = new(async () =>
        {
            var container = blobs.GetBlobContainerClient(_options.CacheContainer);
            await container.CreateIfNotExistsAsync().ConfigureAwait(false);
            return container;
        });
        _registry = new(() => CreateTableAsync(tables, _options.RegistryTable));
        _vectors = new(() => CreateTableAsync(tables, _options.VectorTable));
    }

    public Task<BlobContainerClient> CacheContainerAsync(CancellationToken cancellationToken) => _cache.Value.WaitAsync(cancellationToken);

    public Task<TableClient> RegistryTableAsync(CancellationToken cancellationToken) => _registry.Value.WaitAsync(cancellationToken);

    public Task<TableClient> VectorTableAsync(CancellationToken cancellationToken) => _vectors.Value.WaitAsync(cancellationToken);

    private static async Task<TableClient> CreateTableAsync(TableServiceClient tables, string name)
    {
        var table = tables.GetTableClient(name);
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        return table;
    }

    private static InvalidOperationException Missing(string setting) =>
        new($"Pipeline:Storage:ConnectionString or Pipeline:Storage:{setting} must be set.");
}
