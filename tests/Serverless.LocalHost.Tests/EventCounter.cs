using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Serverless.LocalHost.Tests;

/// <summary>Counts log events by id across every app it is added to (e.g. how many workflows each app started).</summary>
internal sealed class EventCounter : ILoggerProvider
{
    private readonly ConcurrentDictionary<int, int> _counts = new();
    private readonly ConcurrentQueue<string> _lines = new();

    public int this[int eventId] => _counts.GetValueOrDefault(eventId);

    /// <summary>Every formatted log line, as a log sink would receive it.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Counter(this);

    public void Dispose()
    {
    }

    private sealed class Counter(EventCounter owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner._counts.AddOrUpdate(eventId.Id, 1, (_, n) => n + 1);
            owner._lines.Enqueue(formatter(state, exception));
        }
    }
}
