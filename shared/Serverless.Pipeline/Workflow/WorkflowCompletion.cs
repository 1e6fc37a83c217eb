namespace Serverless.Pipeline.Workflow;

/// <summary>What a caller hears when a workflow ends (callback body, queue message data).</summary>
public sealed record WorkflowCompletion(
    string InstanceId,
    string Tenant,
    string Status,
    string? ResultBlob,
    string? Label,
    double? Confidence,
    long Tokens,
    decimal Cost,
    string? Error,
    string? CorrelationId)
{
    public const string Completed = "Completed";
    public const string Failed = "Failed";
}
