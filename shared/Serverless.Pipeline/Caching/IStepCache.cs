using System.Text.Json.Serialization.Metadata;

namespace Serverless.Pipeline.Caching;

/// <summary>Outputs of billed steps by <see cref="StepCacheKey"/>, so that a resumed or restarted workflow re-bills nothing.</summary>
public interface IStepCache
{
    Task<T?> GetAsync<T>(StepCacheKey key, JsonTypeInfo<T> type, CancellationToken cancellationToken);

    /// <summary>Stores (overwrites) the output: the same key always means the same output, so a second write is harmless.</summary>
    Task SetAsync<T>(StepCacheKey key, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken);
}
