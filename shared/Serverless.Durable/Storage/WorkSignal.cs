namespace Serverless.Durable.Storage;

/// <summary>An in-process wake-up: set when this process enqueues work, so its poller does not wait out its back-off.</summary>
internal sealed class WorkSignal
{
    private TaskCompletionSource _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => Volatile.Read(ref _source).TrySetResult();

    /// <summary>Waits until set or until <paramref name="timeout"/>; true when set.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _source);
        if (!current.Task.IsCompleted)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, cts.Token);
            await Task.WhenAny(current.Task, delay);
            await cts.CancelAsync();
        }

        var set = current.Task.IsCompleted;
        if (set)
        {
            Interlocked.CompareExchange(ref _source, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return set;
    }
}
