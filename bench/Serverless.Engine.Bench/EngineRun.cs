using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.App.Storage;
using Serverless.LocalHost.Engine;
using Serverless.Testing;

namespace Serverless.Engine.Bench;

/// <summary>One figure of one run of one configuration.</summary>
internal sealed record Figure(string Scenario, EngineConfig Config, int Run, double Value, string Unit, string Detail);

/// <summary>
/// Starts the local host's engine exactly as the local host does (<see cref="LocalEngineExtensions.AddLocalDurableEngine"/>,
/// settings from the repository's host.json overridden like the Functions host does) on a fresh task hub, runs the
/// scenarios, and deletes the hub.
/// </summary>
internal sealed class EngineRun(AzuriteFixture azurite, StorageCalls calls, BenchOptions options, EngineConfig config, int run)
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(5);
    private readonly List<Figure> _figures = [];
    private DurableTaskClient _client = null!;

    public async Task<IReadOnlyList<Figure>> RunAsync()
    {
        var hub = $"bench{Guid.CreateVersion7():N}"[..24];
        var prefix = DurableEngineOptions.OverrideSection;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionSettingName] = azurite.ConnectionString,
            [$"{prefix}:hubName"] = hub,
            [$"{prefix}:storageProvider:partitionCount"] = $"{config.PartitionCount}",
            [$"{prefix}:storageProvider:maxQueuePollingInterval"] = config.MaxQueuePollingInterval.ToString("c", CultureInfo.InvariantCulture),
            [$"{prefix}:storageProvider:useLegacyPartitionManagement"] = $"{config.LegacyPartitionManagement}",
            [$"{prefix}:storageProvider:useTablePartitionManagement"] = $"{!config.LegacyPartitionManagement}",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddServerlessStorage(builder.Configuration);
        builder.Services.AddLocalDurableEngine(builder.Configuration, RepositoryRoot.Combine("host.json"), BenchTasks.Register);

        using var host = builder.Build();
        var started = Stopwatch.GetTimestamp();
        await host.StartAsync();
        var engine = host.Services.GetRequiredService<LocalEngine>();
        _client = host.Services.GetRequiredService<DurableTaskClient>();
        try
        {
            var o = engine.Options;
            Console.WriteLine($"== run {run}, {config}: hub {hub}, activities {o.MaxConcurrentActivityFunctions}, orchestrators {o.MaxConcurrentOrchestratorFunctions} at once");

            // Warm-up: JIT, and the partitions' leases acquired (several instances, so that every partition is likely hit).
            await Task.WhenAll(Enumerable.Range(0, 4 * config.PartitionCount).Select(_ => RunChainAsync(1)));
            Console.WriteLine($"   warm-up (start + {4 * config.PartitionCount} one-step orchestrations): {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");

            foreach (var scenario in BenchOptions.AllScenarios.Where(options.Scenarios.Contains))
            {
                try
                {
                    await (scenario switch
                    {
                        "chain" => ChainAsync(),
                        "many" => ManyAsync(),
                        "fanout" => FanOutAsync(),
                        _ => PickupAsync(),
                    });
                }
                catch (TimeoutException e)
                {
                    Console.WriteLine($"   {scenario}: {e.Message}");
                    _figures.Add(new Figure(scenario, config, run, double.NaN, "timed out", e.Message));
                }
            }
        }
        finally
        {
            await host.StopAsync();

            // Stopping the host stops the sidecar, but AzureStorage's pollers and partition manager kept running (measured:
            // storage calls continue after the stop, and the next configuration would share the machine with them).
            var leaked = await CallsDuringAsync(TimeSpan.FromSeconds(2));
            await engine.Service.StopAsync(isForced: true);
            var afterStop = await CallsDuringAsync(TimeSpan.FromSeconds(2));
            Console.WriteLine($"   storage calls in 2 s after the host stopped: {leaked}; after the orchestration service's own StopAsync: {afterStop}");
            await engine.Service.DeleteAsync();
        }

        return _figures;
    }

    private async Task ChainAsync()
    {
        var steps = options.ChainLength;
        var (seconds, id, detail) = await MeasureAsync(steps, () => RunChainAsync(steps));
        var (dispatch, back) = Marks.ChainHops(id, steps);
        Add("chain", steps / seconds, "activities/s",
            $"{steps} in {seconds:0.00} s; per step median dispatch {Median(dispatch):0.0} ms (p90 {Percentile(dispatch, 0.9):0}), return {Median(back):0.0} ms (p90 {Percentile(back, 0.9):0}); {detail}");
    }

    private async Task ManyAsync()
    {
        var count = options.Orchestrations;
        var (seconds, _, detail) = await MeasureAsync(count * 5, async () =>
        {
            var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => RunChainAsync(5)));
            return ids[0];
        });
        Add("many", count / seconds, "orchestrations/s", $"{count} x 5 in {seconds:0.00} s; {detail}");
    }

    private async Task FanOutAsync()
    {
        var width = options.FanOutWidth;
        var (seconds, id, detail) = await MeasureAsync(width, () => RunAsync(BenchTasks.FanOut, width));
        var (first, last, returned) = Marks.FanOutPhases(id);
        Add("fanout", seconds, "s",
            $"{width} activities ({Marks.StartsOf(id)} distinct started); from the first activity start: all started after {last - first:0.0} s, orchestrator returned after {returned - first:0.0} s; {detail}");
    }

    private async Task PickupAsync()
    {
        // Idle long enough for the queue pollers to back off to their longest interval.
        var idle = TimeSpan.FromMilliseconds(Math.Max(1000, 1.5 * config.MaxQueuePollingInterval.TotalMilliseconds));
        var latencies = new List<double>();
        var before = (CpuSample.Take(azurite.ProcessId), calls.Snapshot());
        for (var i = 0; i < options.PickupSamples; i++)
        {
            await Task.Delay(idle);
            var id = NewId();
            var (firstStart, returned) = Marks.Expect(id);
            var scheduled = Stopwatch.GetTimestamp();
            await _client.ScheduleNewOrchestrationInstanceAsync(BenchTasks.Chain, 1, new StartOrchestrationOptions(id));
            var start = await firstStart.WaitAsync(ScenarioTimeout);
            latencies.Add(Stopwatch.GetElapsedTime(scheduled, start).TotalMilliseconds);
            await returned.WaitAsync(ScenarioTimeout);
            await CompletedAsync(id);
        }

        var after = (CpuSample.Take(azurite.ProcessId), calls.Snapshot());
        Add("pickup", Median(latencies), "ms p50",
            $"p99 {Percentile(latencies, 0.99):0.0} ms (max of {latencies.Count}), min {latencies.Min():0.0}, after {idle.TotalSeconds:0.0} s idle; {CpuSample.Between(before.Item1, after.Item1)}");
    }

    private async Task<(double Seconds, string Id, string Detail)> MeasureAsync(int activities, Func<Task<string>> body)
    {
        var cpu = CpuSample.Take(azurite.ProcessId);
        var storage = calls.Snapshot();
        var start = Stopwatch.GetTimestamp();
        var id = await body();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpuAfter = CpuSample.Take(azurite.ProcessId);
        var (blob, queue, table) = Delta(storage, calls.Snapshot());
        var total = blob + queue + table;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"storage calls per activity {total / (double)activities:0.0} (queue {queue / (double)activities:0.0}, table {table / (double)activities:0.0}, blob {blob / (double)activities:0.0}), "
            + $"{total / seconds:0} calls/s, Azurite CPU {(cpuAfter.Azurite - cpu.Azurite) * 1000 / Math.Max(total, 1):0.00} ms a call; {CpuSample.Between(cpu, cpuAfter)}");
        return (seconds, id, detail);
    }

    private async Task<long> CallsDuringAsync(TimeSpan period)
    {
        var before = calls.Snapshot();
        await Task.Delay(period);
        var (blob, queue, table) = Delta(before, calls.Snapshot());
        return blob + queue + table;
    }

    private Task<string> RunChainAsync(int steps) => RunAsync(BenchTasks.Chain, steps);

    /// <summary>Schedules, waits for the orchestrator's in-process return signal (no status polling while it runs), then confirms Completed.</summary>
    private async Task<string> RunAsync(string orchestrator, int input)
    {
        var id = NewId();
        var (_, returned) = Marks.Expect(id);
        await _client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(id));
        try
        {
            await returned.WaitAsync(ScenarioTimeout);
        }
        catch (TimeoutException)
        {
            var state = await _client.GetInstanceAsync(id);
            throw new TimeoutException($"{orchestrator}({input}) {id} did not finish in {ScenarioTimeout.TotalMinutes} min: {state?.RuntimeStatus}");
        }

        await CompletedAsync(id);
        return id;
    }

    private async Task CompletedAsync(string id)
    {
        var deadline = Stopwatch.GetTimestamp();
        while (true)
        {
            var state = await _client.GetInstanceAsync(id);
            if (state?.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
            {
                return;
            }

            if (state is { IsCompleted: true } || Stopwatch.GetElapsedTime(deadline) > ScenarioTimeout)
            {
                throw new TimeoutException($"{id} ended {state?.RuntimeStatus} ({state?.FailureDetails?.ErrorMessage})");
            }

            await Task.Delay(10);
        }
    }

    private (long Blob, long Queue, long Table) Delta(IReadOnlyDictionary<int, long> before, IReadOnlyDictionary<int, long> after)
    {
        var endpoints = azurite.ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0].EndsWith("Endpoint", StringComparison.Ordinal))
            .ToDictionary(p => p[0], p => new Uri(p[1]).Port, StringComparer.Ordinal);
        long Of(string name) => endpoints.TryGetValue(name, out var port) ? after.GetValueOrDefault(port) - before.GetValueOrDefault(port) : 0;
        return (Of("BlobEndpoint"), Of("QueueEndpoint"), Of("TableEndpoint"));
    }

    private void Add(string scenario, double value, string unit, string detail)
    {
        var figure = new Figure(scenario, config, run, value, unit, detail);
        Console.WriteLine($"   {scenario}: {value:0.0} {unit}: {detail}");
        _figures.Add(figure);
    }

    private static string NewId() => $"b{Guid.CreateVersion7():N}";

    internal static double Median(IReadOnlyList<double> values) => Percentile(values, 0.5);

    internal static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
