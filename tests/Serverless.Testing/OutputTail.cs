namespace Serverless.Testing;

/// <summary>
/// The last lines a child process wrote to stdout and stderr, bounded, for failure messages.
/// Thread-safe: the process's output events arrive on pool threads.
/// </summary>
public sealed class OutputTail(int capacity = 200)
{
    private readonly Queue<string> _lines = new();

    /// <summary>Keeps <paramref name="line"/> (ignored when null: the stream ended), dropping the oldest past the capacity.</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        lock (_lines)
        {
            return string.Join('\n', _lines);
        }
    }
}
