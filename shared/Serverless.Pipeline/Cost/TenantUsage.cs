namespace Serverless.Pipeline.Cost;

/// <summary>
/// A tenant's usage over workflows that ended in [<see cref="From"/>, <see cref="To"/>): how many
/// workflows, tokens and cost in all, and the same per step kind and per model ("provider/model").
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
    IReadOnlyDictionary<string, UsageTotals> ByModel);
