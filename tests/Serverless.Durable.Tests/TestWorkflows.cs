using System.Collections.Concurrent;

namespace Serverless.Durable.Tests;

/// <summary>Orchestrators and activities shared by the integration tests.</summary>
internal static class TestWorkflows
{
    public static readonly ConcurrentDictionary<string, int> Executions = new();

    public static void Register(DurableTaskRegistry r)
    {
        r.AddActivityFunc<string, string>("Hello", (ctx, name) =>
        {
            Executions.AddOrUpdate($"{ctx.InstanceId}:Hello:{name}", 1, (_, n) => n + 1);
            return Task.FromResult($"Hello {name}!");
        });
        r.AddActivityFunc<int, int>("Double", (_, x) => Task.FromResult(x * 2));
        r.AddOrchestratorFunc<string[], List<string>>("Sequence", async (ctx, names) =>
        {
            var results = new List<string>();
            foreach (var name in names)
            {
                results.Add(await ctx.CallActivityAsync<string>("Hello", name));
            }

            return results;
        });
        r.AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
        {
            var tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Double", i)).ToList();
            var results = await Task.WhenAll(tasks);
            return results.Sum();
        });
    }
}
