using Microsoft.Extensions.Options;

namespace Serverless.Inference.Serving;

/// <summary>
/// Counts calls per <c>x-request-key</c>: <c>count</c> is the calls answered with success (the
/// ones a real model service bills), <c>attempts</c> every call received with the key. A test hook:
/// it counts only when <see cref="TestHooksOptions.RequestKeys"/> is on, and remembers at most
/// <see cref="TestHooksOptions.MaxRequestKeys"/> keys (the oldest is forgotten first).
/// </summary>
internal sealed class RequestKeyCounter(IOptions<TestHooksOptions> options)
{
    public const string HeaderName = "x-request-key";
    public const int MaxKeyLength = 256;

    private readonly Dictionary<string, Entry> _keys = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly int _maxKeys = options.Value.MaxRequestKeys;

    public bool Enabled { get; } = options.Value.RequestKeys;

    /// <summary>Counts a call as received, before it is gated or served.</summary>
    public void RecordAttempt(string key)
    {
        var entry = EntryFor(key);
        lock (entry)
        {
            entry.Attempts++;
        }
    }

    /// <summary>Counts a call as served with success (billed).</summary>
    public void RecordSuccess(string key, string endpoint)
    {
        var entry = EntryFor(key);
        lock (entry)
        {
            entry.Count++;
            entry.ByEndpoint[endpoint] = entry.ByEndpoint.GetValueOrDefault(endpoint) + 1;
        }
    }

    public RequestKeyCount? Get(string key)
    {
        Entry? entry;
        lock (_keys)
        {
            _keys.TryGetValue(key, out entry);
        }

        return entry is null ? null : Snapshot(key, entry);
    }

    public IReadOnlyList<RequestKeyCount> All()
    {
        List<KeyValuePair<string, Entry>> entries;
        lock (_keys)
        {
            entries = [.. _keys];
        }

        return entries.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => Snapshot(k.Key, k.Value)).ToList();
    }

    private Entry EntryFor(string key)
    {
        lock (_keys)
        {
            if (_keys.TryGetValue(key, out var entry))
            {
                return entry;
            }

            while (_keys.Count >= _maxKeys && _order.TryDequeue(out var oldest))
            {
                _keys.Remove(oldest);
            }

            entry = new Entry();
            _keys.Add(key, entry);
            _order.Enqueue(key);
            return entry;
        }
    }

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
