namespace Serverless.Durable.Bench;

/// <summary>No-op workflows: they measure the engine, not the work.</summary>
internal static class BenchWorkflows
{
    public static void Register(DurableTaskRegistry r)
    {
        r.AddActivityFunc<int, int>("Noop", (_, x) => Task.FromResult(x));
        r.AddOrchestratorFunc<int, int>("Chain", async (ctx, n) =>
        {
            var sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += await ctx.CallActivityAsync<int>("Noop", i);
            }

            return sum;
        });
        r.AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
            (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Noop", i)))).Sum());
        r.AddOrchestratorFunc<int, int>("Empty", (_, x) => Task.FromResult(x));
    }
}
