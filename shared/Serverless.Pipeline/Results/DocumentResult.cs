using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Extraction;

namespace Serverless.Pipeline.Results;

/// <summary>
/// The result JSON of one workflow (persisted at <see cref="ResultPaths.BlobName"/>): what the document is,
/// its summary and label, how many chunks were indexed, and per step the provider, model, tokens and cost.
/// </summary>
public sealed record DocumentResult
{
    public required string Tenant { get; init; }

    public required string WorkflowId { get; init; }

    public required string DocumentId { get; init; }

    public required string ContentHash { get; init; }

    public string? FileName { get; init; }

    public bool Confidential { get; init; }

    public DocumentKind Kind { get; init; }

    public int PageCount { get; init; }

    public int OcrPageCount { get; init; }

    public string Language { get; init; } = "und";

    public string? Summary { get; init; }

    public ClassificationResult? Classification { get; init; }

    /// <summary>"model", "human" or "default" (the review timed out).</summary>
    public string? LabelDecidedBy { get; init; }

    public int ChunkCount { get; init; }

    public IReadOnlyList<StepRecord> Steps { get; init; } = [];

    public long InputTokens => Steps.Sum(s => s.InputTokens);

    public long OutputTokens => Steps.Sum(s => s.OutputTokens);

    public decimal Cost => Steps.Sum(s => s.Cost);

    /// <summary>Set when this result was returned for bytes already processed (no new billed run).</summary>
    public string? ReusedFromWorkflowId { get; init; }
}
