using Microsoft.DurableTask;

namespace Serverless.Pipeline.Workflow;

/// <summary>Tells the caller (callback URL, reply queue) that the workflow ended; the idempotency key is the instance id + step.</summary>
public sealed class NotifyActivity(IEnumerable<IWorkflowNotifier> notifiers) : TaskActivity<NotifyInput, int>
{
    /// <summary>A receiver may be down for a while: spaced attempts up to about ten minutes.</summary>
    public static readonly TaskOptions Retry = StepErrors.Retry(6, TimeSpan.FromSeconds(5), backoff: 2, max: TimeSpan.FromMinutes(5));

    public override Task<int> RunAsync(TaskActivityContext context, NotifyInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return StepErrors.RunAsync("notify", async () =>
        {
            var key = WorkflowNames.CallKey(context.InstanceId, "notify");
            var count = 0;
            foreach (var notifier in notifiers)
            {
                await notifier.NotifyAsync(input.Document, input.Completion, key, CancellationToken.None).ConfigureAwait(false);
                count++;
            }

            return count;
        });
    }
}
