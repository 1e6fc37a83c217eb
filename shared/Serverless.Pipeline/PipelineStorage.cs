using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Serverless.Pipeline;

/// <summary>
/// The pipeline's own storage clients (kept apart from the host's so that registrations never clash);
/// containers and tables are created on first use.
/// </summary>
public sealed class PipelineStorage : IDisposable
{
    private readonly PipelineStorageOptions _options;
    private readonly BlobServiceClient _blobs;
    private readonly TableServiceClient _tables;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private BlobContainerClient? _cache;
    private TableClient? _registry;
    private TableClient? _vectors;
    private TableClient? _usage;
    private TableClient? _reviewExamples;

    public PipelineStorage(IOptions<PipelineOptions> options)
    {
        _options = options.Value.Storage;
        _blobs = string.IsNullOrEmpty(_options.ConnectionString)
            ? new BlobServiceClient(_options.BlobServiceUri ?? throw Missing(nameof(_options.BlobServiceUri)), new DefaultAzureCredential())
            : new BlobServiceClient(_options.ConnectionString);
        _tables = string.IsNullOrEmpty(_options.ConnectionString)
            ? new TableServiceClient(_options.TableServiceUri ?? throw Missing(nameof(_options.TableServiceUri)), new DefaultAzureCredential())
            : new TableServiceClient(_options.ConnectionString);
    }

    public async Task<BlobContainerClient> CacheContainerAsync(CancellationToken cancellationToken) =>
        _cache ??= await CreateOnceAsync(async ct =>
        {
            var container = _blobs.GetBlobContainerClient(_options.CacheContainer);
            await container.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
            return container;
        }, () => _cache, cancellationToken).ConfigureAwait(false);

    /// <summary>Any container of the pipeline's account (documents to read, results to write); not created here.</summary>
    public BlobContainerClient Container(string name) => _blobs.GetBlobContainerClient(name);

    public async Task<TableClient> RegistryTableAsync(CancellationToken cancellationToken) =>
        _registry ??= await CreateOnceAsync(ct => CreateTableAsync(_options.RegistryTable, ct), () => _registry, cancellationToken).ConfigureAwait(false);

    public async Task<TableClient> VectorTableAsync(CancellationToken cancellationToken) =>
        _vectors ??= await CreateOnceAsync(ct => CreateTableAsync(_options.VectorTable, ct), () => _vectors, cancellationToken).ConfigureAwait(false);

    public async Task<TableClient> UsageTableAsync(CancellationToken cancellationToken) =>
        _usage ??= await CreateOnceAsync(ct => CreateTableAsync(_options.UsageTable, ct), () => _usage, cancellationToken).ConfigureAwait(false);

    public async Task<TableClient> ReviewExamplesTableAsync(CancellationToken cancellationToken) =>
        _reviewExamples ??= await CreateOnceAsync(ct => CreateTableAsync(_options.ReviewExamplesTable, ct), () => _reviewExamples, cancellationToken).ConfigureAwait(false);

    public void Dispose() => _gate.Dispose();

    // Creation is retried on the next call after a failure (a cached failed task would poison the process).
    private async Task<T> CreateOnceAsync<T>(Func<CancellationToken, Task<T>> create, Func<T?> existing, CancellationToken cancellationToken)
        where T : class
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return existing() ?? await create(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<TableClient> CreateTableAsync(string name, CancellationToken cancellationToken)
    {
        var table = _tables.GetTableClient(name);
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        return table;
    }

    private static InvalidOperationException Missing(string setting) =>
        new($"Pipeline:Storage:ConnectionString or Pipeline:Storage:{setting} must be set.");
}
