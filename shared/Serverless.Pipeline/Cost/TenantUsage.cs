namespace Serverless.Pipeline.Cost;

/// <summary>
/// A tenant's usage over workflows that ended in [<see cref="From"/>, <see cref="To"/>): how many
/// workflows, tokens and cost in all, and the same per step kind and per model ("provider/model"),
/// and per UTC day (of the workflow's end) and model.
/// </summary>
public sealed record TenantUsage(
    string Tenant,
    DateTimeOffset From,
    DateTimeOffset To,
    int Workflows,
    int Completed,
    int Failed,
    UsageTotals Total,
    IReadOnlyDictionary<string, UsageTotals> ByStep,
    IReadOnlyDictionary<string, UsageTotals> ByModel)
{
    /// <summary>Per UTC day ("yyyy-MM-dd", days with ended workflows only) the totals per model ("provider/model").</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, UsageTotals>> ByDay { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, UsageTotals>>();
}
