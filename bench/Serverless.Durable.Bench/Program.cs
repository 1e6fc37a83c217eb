using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serverless.Durable;
using Serverless.Durable.Bench;
using Serverless.Durable.Storage;
using Serverless.Testing;

// Durable engine benchmark. Usage: dotnet run -c Release --project bench/Serverless.Durable.Bench
// (uses AzureWebJobsStorage when set, else starts its own Azurite). `worker <connection> <hub>` runs a worker process.
if (args is ["worker", var workerConnection, var workerHub])
{
    using var workerHost = BuildHost(workerConnection, workerHub, startWorker: true);
    await workerHost.RunAsync();
    return;
}

await using var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
var connection = azurite.ConnectionString;
Console.WriteLine($"Durable engine benchmark ({Environment.ProcessorCount} cores, Azurite{(azurite.OwnsProcess ? " started by the benchmark" : "")})");

var raw = await RawStorageRateAsync(connection);
Console.WriteLine($"storage bound: Azurite raw rate {raw.Sequential:F0} ops/s sequential, {raw.Parallel:F0} ops/s with 16 in flight");

// 1. Sequential chain in one orchestration (in-process worker).
double chainRate, callsPerActivity;
{
    var hub = "benchchain" + Suffix();
    using var host = BuildHost(connection, hub, startWorker: true);
    await host.StartAsync();
    var client = host.Services.GetRequiredService<DurableTaskClient>();
    var taskHub = host.Services.GetRequiredService<TaskHub>();
    await Complete(client, "Chain", 10);
    const int n = 300;
    var calls = taskHub.StorageCalls;
    var sw = Stopwatch.StartNew();
    await Complete(client, "Chain", n);
    chainRate = n / sw.Elapsed.TotalSeconds;
    callsPerActivity = (double)(taskHub.StorageCalls - calls) / n;
    await host.StopAsync();
}

Console.WriteLine($"sequential chain: {chainRate:F1} activities/s in one orchestration (goal >= 50; Durable Functions on Azure Storage: 5), {callsPerActivity:F1} storage calls per activity incl. polling");

// 2. Idle pickup latency within a process: an idle worker, an orchestration started by the same process.
var latencies = new List<double>();
{
    var hub = "benchidle" + Suffix();
    using var host = BuildHost(connection, hub, startWorker: true);
    await host.StartAsync();
    var client = host.Services.GetRequiredService<DurableTaskClient>();
    var hooks = host.Services.GetRequiredService<EngineHooks>();
    var started = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
    hooks.OnCrashPoint = (point, id) =>
    {
        if (point == CrashPoint.EpisodeStarting)
        {
            started.TryAdd(id, Stopwatch.GetTimestamp());
        }
    };
    await Complete(client, "Empty", 0);
    for (var i = 0; i < 40; i++)
    {
        await Task.Delay(250);
        var t0 = Stopwatch.GetTimestamp();
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Empty", i);
        await client.WaitForInstanceCompletionAsync(id);
        latencies.Add(Stopwatch.GetElapsedTime(t0, started[id]).TotalMilliseconds);
    }

    await host.StopAsync();
}

latencies.Sort();
Console.WriteLine($"idle pickup latency (start -> episode begins, same process, idle 250 ms before each): p50 {Percentile(latencies, 0.5):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms (goal p50 < 50 ms)");

// 3. Fan-out / fan-in of 1,000 activities (in-process worker).
double fanOutSeconds;
{
    var hub = "benchfan" + Suffix();
    using var host = BuildHost(connection, hub, startWorker: true);
    await host.StartAsync();
    var client = host.Services.GetRequiredService<DurableTaskClient>();
    await Complete(client, "FanOut", 10);
    var sw = Stopwatch.StartNew();
    await Complete(client, "FanOut", 1000);
    fanOutSeconds = sw.Elapsed.TotalSeconds;
    await host.StopAsync();
}

Console.WriteLine($"fan-out/fan-in of 1,000 activities: {fanOutSeconds:F2} s wall (goal <= 10 s)");

// 4. M orchestrations x 5 sequential activities with 1 and 2 worker processes (client in this process, no worker here).
const int orchestrations = 300;
var perWorkers = new Dictionary<int, double>();
foreach (var workers in new[] { 1, 2 })
{
    var hub = $"benchmany{workers}" + Suffix();
    var processes = Enumerable.Range(0, workers).Select(_ => StartWorkerProcess(connection, hub)).ToList();
    try
    {
        using var host = BuildHost(connection, hub, startWorker: false);
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        await Complete(client, "Chain", 1);
        var sw = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, orchestrations).Select(i => client.ScheduleNewOrchestrationInstanceAsync("Chain", 5)));
        foreach (var id in ids)
        {
            var done = await client.WaitForInstanceCompletionAsync(id);
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"{id} ended {done.RuntimeStatus}");
            }
        }

        perWorkers[workers] = orchestrations / sw.Elapsed.TotalSeconds;
        await host.StopAsync();
    }
    finally
    {
        foreach (var p in processes)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            p.Dispose();
        }
    }

    Console.WriteLine($"{orchestrations} orchestrations x 5 activities, {workers} worker process(es): {perWorkers[workers]:F1} orchestrations/s ({perWorkers[workers] * 5:F0} activities/s; goal >= 100/s on one worker; published Azure Storage: 32-48/s per node)");
}

var bound = raw.Parallel / callsPerActivity;
Console.WriteLine($"storage bound for activities: {raw.Parallel:F0} ops/s / {callsPerActivity:F1} calls per activity = {bound:F0} activities/s");
Console.WriteLine($"engine / bound: chain {chainRate / (raw.Sequential / callsPerActivity):F2} (sequential bound {raw.Sequential / callsPerActivity:F0}/s), many orchestrations (1 worker) {perWorkers[1] * 5 / bound:F2} (goal >= 0.5)");

static IHost BuildHost(string connection, string hub, bool startWorker)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    builder.Services.AddDurableTask(
        o =>
        {
            o.ConnectionString = connection;
            o.TaskHubName = hub;
            o.StartWorker = startWorker;
            o.MaxPollingInterval = TimeSpan.FromMilliseconds(500);
        },
        BenchWorkflows.Register);
    return builder.Build();
}

static Process StartWorkerProcess(string connection, string hub)
{
    var start = new ProcessStartInfo("dotnet") { ArgumentList = { typeof(BenchWorkflows).Assembly.Location, "worker", connection, hub }, RedirectStandardOutput = true };
    var p = Process.Start(start)!;
    p.OutputDataReceived += (_, _) => { };
    p.BeginOutputReadLine();
    return p;
}

static async Task Complete(DurableTaskClient client, string name, int input)
{
    var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input);
    var done = await client.WaitForInstanceCompletionAsync(id);
    if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
    {
        throw new InvalidOperationException($"{name}({input}) ended {done.RuntimeStatus}: {done.FailureDetails}");
    }
}

static async Task<(double Sequential, double Parallel)> RawStorageRateAsync(string connection)
{
    var suffix = Suffix();
    var table = new TableClient(connection, "benchraw" + suffix);
    var queue = new QueueClient(connection, "benchraw" + suffix);
    await table.CreateAsync();
    await queue.CreateAsync();
    const int n = 300;

    // The operation mix an activity step uses: queue send, receive, delete; table point query, upsert/insert.
    async Task Step(int i)
    {
        await queue.SendMessageAsync("x");
        var received = (await queue.ReceiveMessagesAsync(1)).Value;
        foreach (var m in received)
        {
            await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
        }

        await table.UpsertEntityAsync(new TableEntity("p", $"r{i}") { ["v"] = i });
        await table.GetEntityIfExistsAsync<TableEntity>("p", $"r{i}");
    }

    await Step(-1);
    var sw = Stopwatch.StartNew();
    for (var i = 0; i < n; i++)
    {
        await Step(i);
    }

    var sequential = n * 5 / sw.Elapsed.TotalSeconds;
    sw.Restart();
    using var gate = new SemaphoreSlim(16);
    await Task.WhenAll(Enumerable.Range(0, n * 2).Select(async i =>
    {
        await gate.WaitAsync();
        try
        {
            await Step(n + i);
        }
        finally
        {
            gate.Release();
        }
    }));
    var parallel = n * 2 * 5 / sw.Elapsed.TotalSeconds;
    await table.DeleteAsync();
    await queue.DeleteAsync();
    return (sequential, parallel);
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static string Suffix() => Guid.CreateVersion7().ToString("N")[^10..];
