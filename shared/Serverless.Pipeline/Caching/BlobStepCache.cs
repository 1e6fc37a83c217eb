using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Storage.Blobs.Models;

namespace Serverless.Pipeline.Caching;

/// <summary><see cref="IStepCache"/> on a blob container (one JSON blob per key, overwritten idempotently).</summary>
public sealed class BlobStepCache(PipelineStorage storage) : IStepCache
{
    public async Task<T?> GetAsync<T>(StepCacheKey key, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var container = await storage.CacheContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var download = await container.GetBlobClient(key.BlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(download.Value.Content.ToMemory().Span, type);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return default;
        }
    }

    public async Task SetAsync<T>(StepCacheKey key, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var container = await storage.CacheContainerAsync(cancellationToken).ConfigureAwait(false);
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
        await container.GetBlobClient(key.BlobName).UploadAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(value, type)), options, cancellationToken).ConfigureAwait(false);
    }
}
