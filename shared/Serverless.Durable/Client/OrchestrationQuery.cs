namespace Serverless.Durable;

/// <summary>A filter over instances with paging.</summary>
/// <param name="CreatedFrom">Created at or after.</param>
/// <param name="CreatedTo">Created at or before.</param>
/// <param name="Statuses">Any of these statuses.</param>
/// <param name="InstanceIdPrefix">Instance ids starting with this.</param>
/// <param name="PageSize">Results per page (default 100).</param>
/// <param name="ContinuationToken">Where the previous page ended.</param>
/// <param name="FetchInputsAndOutputs">Include input, output and custom status.</param>
public sealed record OrchestrationQuery(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null,
    string? InstanceIdPrefix = null,
    int PageSize = 100,
    string? ContinuationToken = null,
    bool FetchInputsAndOutputs = false)
{
    /// <summary>Tags that must all match exactly (e.g. <c>tenant</c>).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
