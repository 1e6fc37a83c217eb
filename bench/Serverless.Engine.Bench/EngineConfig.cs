using System.Globalization;

namespace Serverless.Engine.Bench;

/// <summary>The engine settings one run varies (host.json names under <c>extensions.durableTask.storageProvider</c>).</summary>
internal sealed record EngineConfig(int PartitionCount, bool LegacyPartitionManagement, TimeSpan MaxQueuePollingInterval)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{PartitionCount}p {(LegacyPartitionManagement ? "legacy" : "table")} poll {MaxQueuePollingInterval.TotalMilliseconds:0}ms");
}

/// <summary>Command line: <c>--partitions 1,2,4 --management table,legacy --polling 100ms,1s --runs 2 --scenarios chain,many,fanout,pickup --pickup-samples 20</c>.</summary>
internal sealed record BenchOptions(
    IReadOnlyList<int> Partitions, IReadOnlyList<bool> Legacy, IReadOnlyList<TimeSpan> Polling, int Runs, IReadOnlySet<string> Scenarios,
    int ChainLength, int Orchestrations, int FanOutWidth, int PickupSamples)
{
    public static readonly string[] AllScenarios = ["chain", "many", "fanout", "pickup"];

    public IEnumerable<EngineConfig> Configs() =>
        from p in Partitions from l in Legacy from t in Polling select new EngineConfig(p, l, t);

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);
        static IEnumerable<string> List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
        var scenarios = List(Get("scenarios", string.Join(',', AllScenarios))).ToHashSet(StringComparer.Ordinal);
        var unknown = scenarios.Except(AllScenarios).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown scenarios: {string.Join(", ", unknown)}");
        }

        return new BenchOptions(
            [.. List(Get("partitions", "4")).Select(Int)],
            [.. List(Get("management", "table")).Select(m => m switch
            {
                "table" => false,
                "legacy" => true,
                _ => throw new ArgumentException($"--management is table or legacy, not '{m}'"),
            })],
            [.. List(Get("polling", "1s")).Select(Duration)],
            Int(Get("runs", "2")),
            scenarios,
            Int(Get("chain", "200")),
            Int(Get("orchestrations", "100")),
            Int(Get("fanout", "1000")),
            Int(Get("pickup-samples", "20")));
    }

    private static TimeSpan Duration(string text) =>
        text.EndsWith("ms", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture))
        : text.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture))
        : throw new ArgumentException($"a polling interval is like 100ms or 1s, not '{text}'");
}
