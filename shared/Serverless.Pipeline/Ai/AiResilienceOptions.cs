using System.ComponentModel.DataAnnotations;

namespace Serverless.Pipeline.Ai;

/// <summary>
/// The HTTP resilience of AI calls. The defaults suit LLM calls (the standard handler's 10 s per
/// attempt is too short) and keep the total bounded so that HTTP retries and the activity's retries do
/// not multiply into dozens of attempts. Billed calls are never hedged.
/// </summary>
public sealed class AiResilienceOptions
{
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>First back-off delay (exponential with jitter) when the server gives no Retry-After.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest server retry hint waited out here (a longer one fails the call as transient, for the activity to retry later), and the back-off cap.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(8);

    /// <summary>Failure ratio over <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
