namespace Serverless.Durable;

/// <summary>
/// A declarative retry policy. Waits between attempts are durable timers, so a retry survives a restart.
/// The delay before retry <c>n</c> (1-based) is <c>firstRetryInterval * backoffCoefficient^(n-1)</c>, capped at
/// <see cref="MaxRetryInterval"/>; retries stop after <see cref="MaxNumberOfAttempts"/> attempts, when
/// <see cref="RetryTimeout"/> has passed since the first attempt, or when <see cref="HandleFailure"/> says no.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>Creates a policy.</summary>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        if (maxRetryInterval is { } max && max < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), "maxRetryInterval must be at least firstRetryInterval.");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Total attempts including the first (at least 1).</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>The delay before the first retry.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>The factor each further delay is multiplied by (at least 1).</summary>
    public double BackoffCoefficient { get; }

    /// <summary>The longest delay between attempts (default one hour).</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>How long after the first attempt retries may still start (infinite by default).</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Decides whether a failure is worth retrying; all failures are by default.</summary>
    public Func<TaskFailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>The delay before retry number <paramref name="retry"/> (1-based).</summary>
    internal TimeSpan DelayBefore(int retry)
    {
        var ms = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, retry - 1);
        return ms >= MaxRetryInterval.TotalMilliseconds ? MaxRetryInterval : TimeSpan.FromMilliseconds(ms);
    }
}
