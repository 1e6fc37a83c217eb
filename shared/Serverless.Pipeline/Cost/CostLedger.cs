namespace Serverless.Pipeline.Cost;

/// <summary>
/// Usage entries of workflows, summed per step, workflow, tenant and model. Serialisable (it travels in a
/// workflow's custom status and result); entries are keyed so that recording the same call twice (a
/// replayed activity result) counts once.
/// </summary>
public sealed class CostLedger
{
    public List<CostLedgerEntry> Entries { get; init; } = [];

    /// <summary>Records <paramref name="usage"/> unless an entry with the same key is already there. Returns false for a duplicate.</summary>
    public bool Record(string tenant, string workflowId, string key, StepUsage usage)
    {
        if (Entries.Any(e => e.Key == key && e.WorkflowId == workflowId))
        {
            return false;
        }

        Entries.Add(new CostLedgerEntry(tenant, workflowId, key, usage));
        return true;
    }

    public IReadOnlyDictionary<string, StepUsage> ByStep(string? workflowId = null) =>
        Sum(Entries.Where(e => workflowId is null || e.WorkflowId == workflowId), e => e.Usage.Step);

    public IReadOnlyDictionary<string, StepUsage> ByWorkflow() => Sum(Entries, e => e.WorkflowId);

    public IReadOnlyDictionary<string, StepUsage> ByTenant() => Sum(Entries, e => e.Tenant);

    public IReadOnlyDictionary<string, StepUsage> ByModel() => Sum(Entries, e => e.Usage.Model);

    /// <summary>Everything together.</summary>
    public StepUsage Total() => Entries.Aggregate(StepUsage.None("total", "", ""), (sum, e) => sum.Add(e.Usage));

    private static Dictionary<string, StepUsage> Sum(IEnumerable<CostLedgerEntry> entries, Func<CostLedgerEntry, string> key) =>
        entries.GroupBy(key).ToDictionary(g => g.Key, g => g.Skip(1).Aggregate(g.First().Usage, (sum, e) => sum.Add(e.Usage)));
}
