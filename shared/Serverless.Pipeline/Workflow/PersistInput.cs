using Serverless.Pipeline.Results;

namespace Serverless.Pipeline.Workflow;

/// <summary>The result to write, where, whether this workflow holds the registry claim on its bytes, and when it ended (for the tenant's usage).</summary>
public sealed record PersistInput(DocumentResult Result, string ResultBlob, bool Claimed, DateTimeOffset EndedAt);
