using System.Diagnostics;
using Azure.Data.Tables;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Durable.Tests;

/// <summary>Real worker processes, killed with SIGKILL at random moments and restarted.</summary>
public sealed class CrashTests(AzuriteFixture azurite)
{
    private const int Instances = 50;
    private const int Steps = 6;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WorkerProcesses_KilledRepeatedly_EveryInstanceCompletesExactlyOnce()
    {
        var hub = TestNames.Unique("crash");
        var executions = new TableClient(azurite.ConnectionString, hub + "Executions");
        await executions.CreateIfNotExistsAsync(Ct);
        await using var client = await DurableTestHost.StartAsync(azurite, _ => { }, o => o.StartWorker = false, hubName: hub);
        var workers = Enumerable.Range(0, 3).Select(_ => StartWorker(hub)).ToArray();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var kills = 0;
        try
        {
            var ids = await Task.WhenAll(Enumerable.Range(0, Instances).Select(i =>
                client.Client.ScheduleNewOrchestrationInstanceAsync("Chain", Steps, new StartOrchestrationOptions($"chain-{i:D3}"), Ct)));

            for (var round = 0; round < 10; round++)
            {
                await Task.Delay(random.Next(200, 700), Ct);
                var victim = random.Next(workers.Length);
                workers[victim].Kill(entireProcessTree: true);
                await workers[victim].WaitForExitAsync(Ct);
                workers[victim].Dispose();
                kills++;
                workers[victim] = StartWorker(hub);
            }

            OrchestrationMetadata[] results;
            try
            {
                results = await Task.WhenAll(ids.Select(id => client.WaitAsync(id, timeoutSeconds: 90)));
            }
            catch (OperationCanceledException)
            {
                var stuck = new List<string>();
                foreach (var id in ids)
                {
                    var m = await client.Client.GetInstanceAsync(id, cancellation: CancellationToken.None);
                    if (m is not { IsCompleted: true })
                    {
                        var h = await client.Client.GetOrchestrationHistoryAsync(id, CancellationToken.None);
                        stuck.Add($"{id} {m?.RuntimeStatus}: ...{string.Join(",", h.TakeLast(4).Select(e => e.EventType))}");
                    }
                }

                throw new ShouldAssertException($"seed {seed}: instances did not finish: {string.Join("; ", stuck)}");
            }

            var expected = Enumerable.Range(1, Steps).Sum(s => s * 10L);
            var reExecutions = 0;
            foreach (var result in results)
            {
                result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"seed {seed}: {result.InstanceId} {result.FailureDetails}");
                result.ReadOutputAs<long>().ShouldBe(expected, $"seed {seed}");
                var history = await InvariantChecker.CheckAsync(client.Client, result.InstanceId, Ct);
                var committedAt = history.Where(e => e.EventType == HistoryEventType.TaskCompleted).ToDictionary(e => e.TaskScheduledId!.Value + 1, e => e.Timestamp);
                var runs = new List<TableEntity>();
                await foreach (var row in executions.QueryAsync<TableEntity>($"PartitionKey eq '{result.InstanceId}'", cancellationToken: Ct))
                {
                    runs.Add(row);
                }

                foreach (var run in runs)
                {
                    var step = run.GetInt32("Step")!.Value;
                    run.GetDateTime("StartedAt")!.Value.ShouldBeLessThanOrEqualTo(committedAt[step], $"seed {seed}: {result.InstanceId} step {step} ran after its result was committed");
                }

                runs.Select(r => r.GetInt32("Step")).Distinct().Count().ShouldBe(Steps);
                reExecutions += runs.Count - Steps;
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"crash test: seed {seed}, {kills} kills, {reExecutions} activity re-executions (all before their result was committed)");
            kills.ShouldBeGreaterThanOrEqualTo(10);
        }
        finally
        {
            foreach (var worker in workers)
            {
                if (!worker.HasExited)
                {
                    worker.Kill(entireProcessTree: true);
                    await worker.WaitForExitAsync(CancellationToken.None);
                }

                worker.Dispose();
            }
        }
    }

    private Process StartWorker(string hub)
    {
        var dll = Path.Combine(AppContext.BaseDirectory.Replace("Serverless.Durable.Tests", "Serverless.Durable.CrashWorker", StringComparison.Ordinal), "Serverless.Durable.CrashWorker.dll");
        File.Exists(dll).ShouldBeTrue($"crash worker not built at {dll}");
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { dll, azurite.ConnectionString, hub }, RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
