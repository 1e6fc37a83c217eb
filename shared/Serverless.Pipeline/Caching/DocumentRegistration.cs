namespace Serverless.Pipeline.Caching;

/// <summary>A tenant's document version (content hash), the workflow that processes it and, once done, where its result is.</summary>
public sealed record DocumentRegistration(string Tenant, string ContentHash, string WorkflowId, string? ResultBlob, DateTimeOffset RegisteredAt)
{
    public bool IsCompleted => ResultBlob is not null;
}
