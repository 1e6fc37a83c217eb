namespace Serverless.App.Dashboard;

/// <summary>One document workflow as the dashboard lists it: where it is, what it was labelled, what it cost and took.</summary>
internal sealed record DocumentRow(
    string InstanceId,
    string? FileName,
    string Status,
    string? Step,
    string? WaitingFor,
    string? Label,
    double? Confidence,
    string? DecidedBy,
    string? Entry,
    long Tokens,
    decimal Cost,
    double DurationSeconds,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    string? Error);

/// <summary>A page of documents; pass <see cref="ContinuationToken"/> back for the next one.</summary>
internal sealed record DocumentPage(IReadOnlyList<DocumentRow> Items, string? ContinuationToken, int ScannedPages);

/// <summary>One attempt of one step of a document's workflow, from its history.</summary>
internal sealed record TimelineStep(
    string Step,
    string Activity,
    int Attempt,
    string Outcome,
    DateTimeOffset Started,
    DateTimeOffset? Ended,
    double? DurationMs,
    string? Provider,
    string? Model,
    long InputTokens,
    long OutputTokens,
    decimal Cost,
    bool? Cached,
    string? Error);

/// <summary>Something that happened to the workflow itself (start, an event raised, a timer, the end).</summary>
internal sealed record TimelineEvent(string Type, string? Name, DateTimeOffset Time, string? Detail);

/// <summary>One document in full: the row, its summary and label with the rationale, the step timeline and links.</summary>
internal sealed record DocumentDetail(
    DocumentRow Document,
    string? Summary,
    string? Rationale,
    string? Language,
    int? PageCount,
    int? ChunkCount,
    IReadOnlyList<TimelineStep> Timeline,
    IReadOnlyList<TimelineEvent> Events,
    string? MonitorUrl);

/// <summary>The extracted text of a document, page by page (from the step cache).</summary>
internal sealed record DocumentText(string InstanceId, IReadOnlyList<DocumentTextPage> Pages);

internal sealed record DocumentTextPage(int Page, string Source, string Text);

/// <summary>The labels a reviewer can choose from.</summary>
internal sealed record TaxonomyView(IReadOnlyList<TaxonomyLabelView> Labels);

internal sealed record TaxonomyLabelView(string Name, string Description);

/// <summary>Workflows to estimate or retry.</summary>
internal sealed record RetryRequest(IReadOnlyList<string>? InstanceIds);

/// <summary>
/// What a retry of one workflow would bill: the steps that had finished come from the step cache (free); the
/// others are estimated at the tenant's average per step over its recent workflows (null when there is no basis).
/// </summary>
internal sealed record RetryEstimate(
    string InstanceId,
    bool Retryable,
    string? Reason,
    IReadOnlyList<string> CachedSteps,
    IReadOnlyList<string> StepsToRun,
    long? EstimatedTokens,
    decimal? EstimatedCost);

internal sealed record RetryEstimateResponse(IReadOnlyList<RetryEstimate> Items, long? EstimatedTokens, decimal? EstimatedCost, int BasisWorkflows, int BasisDays);

internal sealed record RetryOutcome(string InstanceId, bool Restarted, string? Reason);

internal sealed record RetryResponse(IReadOnlyList<RetryOutcome> Items, int Restarted);
