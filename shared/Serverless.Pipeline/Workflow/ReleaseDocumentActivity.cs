using Microsoft.DurableTask;
using Serverless.Pipeline.Caching;

namespace Serverless.Pipeline.Workflow;

/// <summary>Gives up a failed workflow's claim on its bytes (only its own claim), so that they can be processed again.</summary>
public sealed class ReleaseDocumentActivity(DocumentRegistry registry) : TaskActivity<ReleaseInput, bool>
{
    public static readonly TaskOptions Retry = StepErrors.Retry(5, TimeSpan.FromSeconds(1));

    public override Task<bool> RunAsync(TaskActivityContext context, ReleaseInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return StepErrors.RunAsync("release", () => registry.ReleaseAsync(input.Tenant, input.ContentSha256, input.WorkflowId, CancellationToken.None));
    }
}
