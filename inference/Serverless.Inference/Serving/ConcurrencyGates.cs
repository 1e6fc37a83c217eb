using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Serverless.Inference.Serving;

/// <summary>One concurrency limiter per model endpoint: a bounded number served, a bounded queue, then 429.</summary>
internal sealed class ConcurrencyGates : IDisposable
{
    private readonly Dictionary<string, (ConcurrencyLimiter Limiter, EndpointConcurrency Options)> _gates;

    public ConcurrencyGates(IOptions<ConcurrencyOptions> options)
    {
        _gates = EndpointNames.Gated.ToDictionary(
            name => name,
            name =>
            {
                var o = options.Value.For(name);
                var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
                {
                    PermitLimit = o.PermitLimit,
                    QueueLimit = o.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
                return (limiter, o);
            });
    }

    public bool TryGet(string endpoint, out ConcurrencyLimiter limiter, out EndpointConcurrency options)
    {
        if (_gates.TryGetValue(endpoint, out var gate))
        {
            (limiter, options) = gate;
            return true;
        }

        (limiter, options) = (null!, null!);
        return false;
    }

    public IEnumerable<System.Diagnostics.Metrics.Measurement<long>> QueueDepths() =>
        _gates.Select(g => new System.Diagnostics.Metrics.Measurement<long>(g.Value.Limiter.GetStatistics()?.CurrentQueuedCount ?? 0, new KeyValuePair<string, object?>("endpoint", g.Key)));

    public IEnumerable<System.Diagnostics.Metrics.Measurement<long>> ActiveCounts() =>
        _gates.Select(g => new System.Diagnostics.Metrics.Measurement<long>(g.Value.Options.PermitLimit - (g.Value.Limiter.GetStatistics()?.CurrentAvailablePermits ?? 0), new KeyValuePair<string, object?>("endpoint", g.Key)));

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Limiter.Dispose();
        }
    }
}
