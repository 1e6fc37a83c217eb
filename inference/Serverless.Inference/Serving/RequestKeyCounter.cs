using System.Collections.Concurrent;

namespace Serverless.Inference.Serving;

/// <summary>
/// Counts calls per <c>x-request-key</c>: <c>count</c> is the calls answered with success (the
/// ones a real model service bills), <c>attempts</c> every call received with the key.
/// </summary>
internal sealed class RequestKeyCounter
{
    public const string HeaderName = "x-request-key";
    public const int MaxKeyLength = 256;

    private readonly ConcurrentDictionary<string, Entry> _keys = new(StringComparer.Ordinal);

    /// <summary>Counts a call as received, before it is gated or served.</summary>
    public void RecordAttempt(string key)
    {
        var entry = _keys.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            entry.Attempts++;
        }
    }

    /// <summary>Counts a call as served with success (billed).</summary>
    public void RecordSuccess(string key, string endpoint)
    {
        var entry = _keys.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            entry.Count++;
            entry.ByEndpoint[endpoint] = entry.ByEndpoint.GetValueOrDefault(endpoint) + 1;
        }
    }

    public RequestKeyCount? Get(string key) => _keys.TryGetValue(key, out var entry) ? Snapshot(key, entry) : null;

    public IReadOnlyList<RequestKeyCount> All() =>
        _keys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => Snapshot(k.Key, k.Value)).ToList();

    private static RequestKeyCount Snapshot(string key, Entry entry)
    {
        lock (entry)
        {
            return new RequestKeyCount(key, entry.Count, entry.Attempts, new Dictionary<string, int>(entry.ByEndpoint, StringComparer.Ordinal));
        }
    }

    private sealed class Entry
    {
        public int Count { get; set; }

        public int Attempts { get; set; }

        public Dictionary<string, int> ByEndpoint { get; } = new(StringComparer.Ordinal);
    }
}
