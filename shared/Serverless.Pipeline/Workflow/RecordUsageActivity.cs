using Microsoft.DurableTask;
using Serverless.Pipeline.Cost;

namespace Serverless.Pipeline.Workflow;

/// <summary>Records the ended workflow's tokens and cost for its tenant (an upsert keyed by the workflow id: idempotent).</summary>
public sealed class RecordUsageActivity(UsageStore usage) : TaskActivity<WorkflowUsage, bool>
{
    public static readonly TaskOptions Retry = StepErrors.Retry(5, TimeSpan.FromSeconds(1));

    public override Task<bool> RunAsync(TaskActivityContext context, WorkflowUsage input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return StepErrors.RunAsync("usage", async () =>
        {
            await usage.RecordAsync(input, CancellationToken.None).ConfigureAwait(false);
            return true;
        });
    }
}
