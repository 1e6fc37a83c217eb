namespace Serverless.Pipeline.Cost;

/// <summary>One recorded usage: which tenant and workflow, a de-duplication key (e.g. "classify" or "embed:3"), and the usage.</summary>
public sealed record CostLedgerEntry(string Tenant, string WorkflowId, string Key, StepUsage Usage);
