using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Serverless.Durable.CrashWorker;

/// <summary>The crash test's workflow: <see cref="Chain"/> runs <see cref="CrashStep"/> a number of times in sequence.</summary>
public static class CrashWorkflows
{
    public static void Register(DurableTaskRegistry registry) => registry.AddOrchestrator<Chain>().AddActivity<CrashStep>();

    /// <summary>Executions table name of a task hub.</summary>
    public static string ExecutionsTable(string hub) => hub + "Executions";
}

/// <summary>Input of one step.</summary>
public sealed record StepInput(int Step, long Accumulated);

/// <summary>Steps 1..n; the output is the sum of step * 10 over all steps.</summary>
public sealed class Chain : TaskOrchestrator<int, long>
{
    public override async Task<long> RunAsync(TaskOrchestrationContext context, int input)
    {
        long accumulated = 0;
        for (var step = 1; step <= input; step++)
        {
            accumulated = await context.CallActivityAsync<long>(nameof(CrashStep), new StepInput(step, accumulated));
        }

        return accumulated;
    }
}

/// <summary>Records each execution (instance, step, start time) in a table before doing its work.</summary>
public sealed class CrashStep(IOptions<DurableTaskOptions> options, TimeProvider time) : TaskActivity<StepInput, long>
{
    public override async Task<long> RunAsync(TaskActivityContext context, StepInput input)
    {
        var table = new TableClient(options.Value.ConnectionString, CrashWorkflows.ExecutionsTable(options.Value.TaskHubName));
        await table.AddEntityAsync(
            new TableEntity(context.InstanceId, $"{input.Step:D3}-{Guid.CreateVersion7():N}")
            {
                ["Step"] = input.Step,
                ["StartedAt"] = time.GetUtcNow().UtcDateTime,
                ["Pid"] = Environment.ProcessId,
            },
            context.CancellationToken);
        await Task.Delay(Random.Shared.Next(20, 100), context.CancellationToken);
        return input.Accumulated + (input.Step * 10);
    }
}
