using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Results;
using Serverless.Pipeline.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Pipeline.Tests.Cost;

/// <summary>G17: a tenant's daily token budget is read against today's recorded usage (UTC), per tenant, with overrides.</summary>
public sealed class TenantBudgetTests(AzuriteFixture azurite) : PipelineTest(azurite.ConnectionString)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EnsureAvailable_SpentToday_Throws_WhileYesterdayAndOtherTenantsDoNotCount()
    {
        var ct = TestContext.Current.CancellationToken;
        var usage = Services.GetRequiredService<UsageStore>();
        await usage.RecordAsync(Ended("tenant-a", "a-yesterday", Now.AddDays(-1), 5_000), ct);
        await usage.RecordAsync(Ended("tenant-a", "a-1", Now.AddHours(-2), 600), ct);
        await usage.RecordAsync(Ended("tenant-b", "b-1", Now.AddHours(-2), 5_000), ct);
        var budget = Budget(daily: 1_000);

        await budget.EnsureAvailableAsync("tenant-a", ct); // 600 of 1,000 used today: yesterday's 5,000 does not count
        await usage.RecordAsync(Ended("tenant-a", "a-2", Now.AddHours(-1), 400), ct);
        var spent = await Should.ThrowAsync<StepFailedException>(() => budget.EnsureAvailableAsync("tenant-a", ct));
        var other = await Should.ThrowAsync<StepFailedException>(() => budget.EnsureAvailableAsync("tenant-b", ct));

        spent.Code.ShouldBe(StepErrorCodes.TenantBudgetExceeded);
        spent.IsTransient.ShouldBeFalse();
        spent.Message.ShouldContain("1,000 of its 1,000 tokens for 2026-11-24");
        other.Message.ShouldContain("tenant-b");
        await budget.EnsureAvailableAsync("tenant-c", ct);
    }

    [Fact]
    public async Task EnsureAvailable_PerTenantOverrideAndNoBudget()
    {
        var ct = TestContext.Current.CancellationToken;
        var usage = Services.GetRequiredService<UsageStore>();
        await usage.RecordAsync(Ended("big", "big-1", Now.AddHours(-1), 50_000), ct);
        await usage.RecordAsync(Ended("small", "small-1", Now.AddHours(-1), 50_000), ct);

        var budget = Budget(daily: 100_000, ("small", 10_000));
        var none = Budget(daily: 0);

        budget.DailyTokens("small").ShouldBe(10_000);
        await budget.EnsureAvailableAsync("big", ct);
        await Should.ThrowAsync<StepFailedException>(() => budget.EnsureAvailableAsync("small", ct));
        await none.EnsureAvailableAsync("small", ct);
    }

    private TenantBudget Budget(long daily, params (string Tenant, long Tokens)[] overrides)
    {
        var options = new PipelineOptions();
        options.Limits.TenantDailyTokens = daily;
        foreach (var (tenant, tokens) in overrides)
        {
            options.Limits.TenantDailyTokensByTenant[tenant] = tokens;
        }

        return new TenantBudget(Services.GetRequiredService<UsageStore>(), Options.Create(options), new FixedTime(Now));
    }

    private static WorkflowUsage Ended(string tenant, string workflow, DateTimeOffset at, long tokens) =>
        new(tenant, workflow, WorkflowUsage.Completed, at, [new StepRecord("summarize", "p", "m", tokens, 0, 0m, Cached: false, DurationMs: 1)]);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
