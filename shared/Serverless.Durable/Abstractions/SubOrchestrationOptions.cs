namespace Serverless.Durable;

/// <summary>Options for a sub-orchestration: a chosen instance id, and retries.</summary>
public sealed class SubOrchestrationOptions : TaskOptions
{
    /// <summary>Creates options.</summary>
    public SubOrchestrationOptions(string? instanceId = null, RetryPolicy? retry = null)
        : base(retry) => InstanceId = instanceId;

    /// <summary>The child's instance id; a deterministic <c>NewGuid()</c> when null.</summary>
    public string? InstanceId { get; init; }
}
