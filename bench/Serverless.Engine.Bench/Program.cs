using System.Globalization;
using Serverless.Engine.Bench;
using Serverless.Testing;

// The local host's Durable Task engine (DurableTask.AzureStorage behind the SDK's gRPC sidecar, wired by LocalEngineExtensions)
// on Azurite: 200-activity chain, 100 orchestrations x 5 steps, fan-out/fan-in of 1,000, idle pickup latency; per
// configuration of partitions, partition management and queue polling interval, each run --runs times (interleaved).
// Usage: dotnet bench/Serverless.Engine.Bench/bin/Release/net10.0/Serverless.Engine.Bench.dll
//          [--partitions 1,2,4] [--management table,legacy] [--polling 100ms,1s] [--runs 2] [--scenarios chain,many,fanout,pickup]
var options = BenchOptions.Parse(args);
await using var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
using var calls = new StorageCalls();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Azurite: {(azurite.OwnsProcess ? $"started by the bench (pid {azurite.ProcessId})" : "from AzureWebJobsStorage")}; {Environment.ProcessorCount} cores; load {File.ReadAllText("/proc/loadavg").Trim()}; {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC"));

var figures = new List<Figure>();
for (var run = 1; run <= options.Runs; run++)
{
    foreach (var config in options.Configs())
    {
        figures.AddRange(await new EngineRun(azurite, calls, options, config, run).RunAsync());
    }
}

// Beside the home-made engine's last figures (bench/README.md, quiet machine) and the targets of issue 10.
var reference = new Dictionary<string, (string Name, string HomeMade, string Target)>(StringComparer.Ordinal)
{
    ["chain"] = ($"{options.ChainLength}-activity chain", "81.1 activities/s", ">= 25 activities/s"),
    ["many"] = ($"{options.Orchestrations} orchestrations x 5", "14.4 orchestrations/s", ">= 15 orchestrations/s"),
    ["fanout"] = ($"fan-out/fan-in of {options.FanOutWidth}", "8.1 s", "<= 15 s"),
    ["pickup"] = ("idle pickup p50", "7.9 ms", "<= 50 ms"),
};
Console.WriteLine();
Console.WriteLine("| scenario | configuration | runs | home-made engine | target |");
Console.WriteLine("| --- | --- | --- | --- | --- |");
foreach (var group in figures.GroupBy(f => (f.Scenario, f.Config.ToString())))
{
    var (name, homeMade, target) = reference[group.Key.Scenario];
    var values = string.Join(", ", group.Select(f => double.IsNaN(f.Value) ? "timed out" : f.Value.ToString("0.0", CultureInfo.InvariantCulture)));
    Console.WriteLine($"| {name} | {group.Key.Item2} | {values} {group.First().Unit} | {homeMade} | {target} |");
}

return 0;
