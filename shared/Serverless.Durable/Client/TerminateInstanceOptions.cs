namespace Serverless.Durable;

/// <summary>Options for terminating an instance.</summary>
/// <param name="Output">The output (reason) recorded with the Terminated status.</param>
/// <param name="Recursive">Also terminate the sub-orchestrations it started.</param>
public sealed record TerminateInstanceOptions(object? Output = null, bool Recursive = false);
