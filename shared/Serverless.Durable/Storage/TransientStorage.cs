namespace Serverless.Durable.Storage;

/// <summary>Storage failures that may pass on another try (no answer, a timeout, throttling, a server error), and a short in-process retry for idempotent steps.</summary>
internal static class TransientStorage
{
    public const int MaxRetries = 3;

    public static bool IsTransient(Azure.RequestFailedException e) => e.Status is 0 or 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>The pause before retry <paramref name="retry"/> (1-based): 100, 200, 400 ms plus up to 50 ms of jitter.</summary>
    public static TimeSpan Delay(int retry) => TimeSpan.FromMilliseconds((50 << retry) + Random.Shared.Next(50));

    /// <summary>Runs an idempotent storage step, retrying transient failures up to <see cref="MaxRetries"/> times.</summary>
    public static async Task RetryAsync(Func<Task> step, CancellationToken ct)
    {
        for (var retry = 1; ; retry++)
        {
            try
            {
                await step();
                return;
            }
            catch (Azure.RequestFailedException e) when (IsTransient(e) && retry <= MaxRetries && !ct.IsCancellationRequested)
            {
                await Task.Delay(Delay(retry), ct);
            }
        }
    }
}
