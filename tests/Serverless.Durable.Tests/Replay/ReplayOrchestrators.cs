namespace Serverless.Durable.Tests.Replay;

/// <summary>The orchestrators the recorded replay cases were written against.</summary>
internal static class ReplayOrchestrators
{
    private static readonly DurableTaskRegistry Registry = Build();

    public static ITaskOrchestrator? Resolve(string name, string? version) =>
        Registry.ResolveOrchestrator(EmptyServices.Instance, name, version);

    private static DurableTaskRegistry Build()
    {
        var r = new DurableTaskRegistry();
        r.AddOrchestratorFunc<object?, string>("Chain", async (ctx, _) =>
        {
            var a = await ctx.CallActivityAsync<string>("A");
            var b = await ctx.CallActivityAsync<string>("B", a);
            return $"{a}|{b}";
        });
        r.AddOrchestratorFunc<object?, string>("Catch", async (ctx, _) =>
        {
            try
            {
                await ctx.CallActivityAsync<string>("Fail");
                return "no failure";
            }
            catch (TaskFailedException ex)
            {
                var d = ex.FailureDetails;
                return $"{d.ErrorType}|{d.ErrorMessage}|{d.StackTrace}|{d.InnerFailure?.ErrorType}";
            }
        });
        r.AddOrchestratorFunc<object?, string>("Timer", async (ctx, _) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddSeconds(5), CancellationToken.None);
            return "fired";
        });
        r.AddOrchestratorFunc<object?, string>("Event", async (ctx, _) => await ctx.WaitForExternalEvent<string>("Approve"));
        r.AddOrchestratorFunc<object?, string>("Sub", async (ctx, _) =>
        {
            try
            {
                return "ok:" + await ctx.CallSubOrchestratorAsync<string>("Child", null, new SubOrchestrationOptions("child-1"));
            }
            catch (SubOrchestrationFailedException ex)
            {
                return "failed:" + ex.FailureDetails.ErrorMessage;
            }
        });
        r.AddOrchestratorFunc<int, int>("Counter", (ctx, n) =>
        {
            if (n < 3)
            {
                ctx.ContinueAsNew(n + 1);
            }

            return Task.FromResult(n);
        });
        r.AddOrchestratorFunc<object?, string>("Notify", (ctx, _) =>
        {
            ctx.SendEvent("other", "Ping", 42);
            return Task.FromResult("sent");
        });
        return r;
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
