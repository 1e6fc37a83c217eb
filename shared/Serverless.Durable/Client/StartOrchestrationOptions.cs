namespace Serverless.Durable;

/// <summary>Options for starting an instance.</summary>
/// <param name="InstanceId">The caller-chosen instance id (a new id when null). Starting an id that is still running returns it unchanged.</param>
/// <param name="StartAt">A delayed start time.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>The version to record (the worker's default version when null).</summary>
    public string? Version { get; init; }

    /// <summary>Tags stored with the instance and returned in its metadata (e.g. <c>tenant</c>); keys are letters, digits and '_'.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
