using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Serverless.Pipeline.Ai;

/// <summary>
/// One gate per provider and <see cref="AiLane"/> (<see cref="AiProviderOptions.MaxConcurrency"/> for text calls,
/// <see cref="AiProviderOptions.MaxOcrConcurrency"/> for OCR), shared by every HttpClient for that provider.
/// </summary>
public sealed class ProviderConcurrency(IOptions<PipelineOptions> options)
{
    /// <summary>The request option that puts a call in a lane; a request without it is a text call.</summary>
    public static readonly HttpRequestOptionsKey<AiLane> LaneOption = new("serverless-ai-lane");

    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Calls in flight and calls waiting in one provider's lane (for tests and diagnostics).</summary>
    public (int InFlight, int Waiting) Usage(string provider, AiLane lane) =>
        _gates.TryGetValue(Key(provider, lane), out var gate) ? (gate.Limit - gate.Slots.CurrentCount, Volatile.Read(ref gate.Waiting)) : (0, 0);

    internal async Task<IDisposable> EnterAsync(string provider, AiLane lane, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(Key(provider, lane), _ => new Gate(
            options.Value.Providers.TryGetValue(provider, out var p) ? (lane == AiLane.Ocr ? p.MaxOcrConcurrency : p.MaxConcurrency) : 1));
        Interlocked.Increment(ref gate.Waiting);
        try
        {
            await gate.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref gate.Waiting);
        }

        return gate;
    }

    private static string Key(string provider, AiLane lane) => $"{lane}:{provider}";

    private sealed class Gate(int limit) : IDisposable
    {
        public int Waiting;

        public int Limit { get; } = limit;

        public SemaphoreSlim Slots { get; } = new(limit);

        /// <summary>Releases one slot (the gate itself lives as long as the process).</summary>
        public void Dispose() => Slots.Release();
    }
}
