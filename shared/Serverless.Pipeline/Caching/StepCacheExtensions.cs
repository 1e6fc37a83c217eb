using System.Text.Json.Serialization.Metadata;

namespace Serverless.Pipeline.Caching;

/// <summary>Read-through use of the step cache.</summary>
public static class StepCacheExtensions
{
    /// <summary>The cached output, or <paramref name="compute"/>'s, stored before it is returned. <c>Hit</c> is true when nothing was computed.</summary>
    public static async Task<(T Value, bool Hit)> GetOrComputeAsync<T>(
        this IStepCache cache, StepCacheKey key, JsonTypeInfo<T> type, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
        where T : class
    {
        var cached = await cache.GetAsync(key, type, cancellationToken).ConfigureAwait(false);
        if (cached is not null)
        {
            return (cached, true);
        }

        var value = await compute(cancellationToken).ConfigureAwait(false);
        await cache.SetAsync(key, value, type, cancellationToken).ConfigureAwait(false);
        return (value, false);
    }
}
