namespace Serverless.Durable;

/// <summary>Options for a scheduled activity or sub-orchestration.</summary>
public class TaskOptions
{
    /// <summary>Creates options with an optional retry policy.</summary>
    public TaskOptions(RetryPolicy? retry = null) => Retry = retry;

    /// <summary>The retry policy, or null for a single attempt.</summary>
    public RetryPolicy? Retry { get; init; }
}
