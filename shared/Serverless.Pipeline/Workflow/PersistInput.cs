using Serverless.Pipeline.Results;

namespace Serverless.Pipeline.Workflow;

/// <summary>The result to write, where, and whether this workflow holds the registry claim on its bytes.</summary>
public sealed record PersistInput(DocumentResult Result, string ResultBlob, bool Claimed);
