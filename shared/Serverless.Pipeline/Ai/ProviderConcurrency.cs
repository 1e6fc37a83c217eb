using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Serverless.Pipeline.Ai;

/// <summary>One semaphore per provider (its <see cref="AiProviderOptions.MaxConcurrency"/>), shared by every HttpClient for it.</summary>
public sealed class ProviderConcurrency(IOptions<PipelineOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);

    internal SemaphoreSlim For(string provider) => _gates.GetOrAdd(provider, name =>
        new SemaphoreSlim(options.Value.Providers.TryGetValue(name, out var p) ? p.MaxConcurrency : 1));
}
