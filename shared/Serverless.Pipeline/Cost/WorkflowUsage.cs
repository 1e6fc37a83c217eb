using System.Globalization;
using Serverless.Pipeline.Results;

namespace Serverless.Pipeline.Cost;

/// <summary>
/// What one workflow consumed, recorded once when it ends (completed, reused or failed): its steps'
/// tokens and cost as the result shows them. A failed workflow records the steps that finished before
/// the failure, because those calls were billed.
/// </summary>
public sealed record WorkflowUsage(string Tenant, string WorkflowId, string Status, DateTimeOffset EndedAt, IReadOnlyList<StepRecord> Steps)
{
    public const string Completed = "Completed";
    public const string Failed = "Failed";

    /// <summary>The step's kind: embedding batches (<c>embed-3</c>) count as <c>embed</c>.</summary>
    public static string StepKind(string step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var dash = step.LastIndexOf('-');
        return dash > 0 && int.TryParse(step.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _) ? step[..dash] : step;
    }
}
