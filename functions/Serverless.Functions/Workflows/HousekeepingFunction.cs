using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Durable;

namespace Serverless.Functions.Workflows;

/// <summary>Daily retention (<see cref="Serverless.App.Workflows.Housekeeping"/>): finished workflows and stale blob receipts.</summary>
internal sealed class HousekeepingFunction(DurableClientAccessor durable)
{
    /// <summary>Every day at 03:17 UTC (NCRONTAB with seconds).</summary>
    public const string Schedule = "0 17 3 * * *";

    [Function(nameof(Housekeeping))]
    public async Task Housekeeping(
        [TimerTrigger(Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(context);
        durable.Use(client);
        await context.InstanceServices.GetRequiredService<App.Workflows.Housekeeping>().RunAsync(context.CancellationToken);
    }
}
