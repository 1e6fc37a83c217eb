using System.Collections.Concurrent;
using Serverless.App.Rejections;

namespace Serverless.App.Ingestion;

/// <summary>
/// Which folders of the incoming container could not be listed, since when and why, and when each is tried
/// again: a folder that fails is backed off (the watch interval doubled per failure, up to
/// <see cref="MaxBackoff"/>) while the other tenants' folders are listed as usual. <c>/healthz</c> reports it
/// (<see cref="Health.BlobIntakeHealthCheck"/>).
/// </summary>
internal sealed class IntakeListingHealth(TimeProvider time)
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, ListingFailure> _failures = new(StringComparer.Ordinal);

    /// <summary>The folders that failed their last listing (names escaped for display).</summary>
    public IReadOnlyDictionary<string, ListingFailure> Failures => _failures;

    /// <summary>Whether <paramref name="prefix"/> is due for a listing (never failed, or its back-off has passed).</summary>
    public bool IsDue(string prefix) => !_failures.TryGetValue(prefix, out var failure) || time.GetUtcNow() >= failure.NextAttempt;

    public void Succeeded(string prefix) => _failures.TryRemove(prefix, out _);

    public ListingFailure Failed(string prefix, Exception error, TimeSpan interval)
    {
        var now = time.GetUtcNow();
        return _failures.AddOrUpdate(
            prefix,
            _ => new ListingFailure(1, now, now + Backoff(interval, 1), Describe(error)),
            (_, old) => new ListingFailure(old.Count + 1, old.Since, now + Backoff(interval, old.Count + 1), Describe(error)));
    }

    private static TimeSpan Backoff(TimeSpan interval, int failures) =>
        TimeSpan.FromTicks(Math.Min(interval.Ticks * (1L << Math.Min(failures, 20)), MaxBackoff.Ticks));

    private static string Describe(Exception error) =>
        LogText.Escape(error is Azure.RequestFailedException r ? $"storage answered {r.Status} ({r.ErrorCode})" : $"{error.GetType().Name}: {error.Message}");
}

/// <summary>One folder's listing trouble: how many failures in a row, since when, the next attempt and the last error.</summary>
internal sealed record ListingFailure(int Count, DateTimeOffset Since, DateTimeOffset NextAttempt, string Error);
