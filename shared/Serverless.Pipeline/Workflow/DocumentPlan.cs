using Serverless.Pipeline.Results;

namespace Serverless.Pipeline.Workflow;

/// <summary>
/// What <see cref="StartDocumentActivity"/> decided, recorded in the history so that replays see the same
/// settings: names, the review policy, the batch size, and an existing result for the same bytes (no new billed run).
/// </summary>
public sealed record DocumentPlan(
    string WorkflowId,
    string DocumentId,
    string ResultBlob,
    bool Claimed,
    double ReviewThreshold,
    string ReviewEventName,
    TimeSpan ReviewTimeout,
    string? ReviewDefaultLabel,
    IReadOnlyList<string> Labels,
    int EmbeddingBatchSize,
    DocumentResult? Existing);
