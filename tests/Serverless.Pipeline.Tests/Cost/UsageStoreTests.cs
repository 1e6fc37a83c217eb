using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Results;
using Serverless.Pipeline.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Pipeline.Tests.Cost;

/// <summary>Per-tenant usage: a workflow counts once however often it is recorded, tenants never see each other's rows, the range filters.</summary>
public sealed class UsageStoreTests(AzuriteFixture azurite) : PipelineTest(azurite.ConnectionString)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private UsageStore Store => Services.GetRequiredService<UsageStore>();

    [Fact]
    public async Task RecordAsync_SameWorkflowTwice_CountsOnce_AndSumsPerStepKindAndModel()
    {
        var ct = TestContext.Current.CancellationToken;
        var usage = new WorkflowUsage("tenant-a", "tenant-a~doc/1#x", WorkflowUsage.Completed, Noon, [
            Step("extract", "inference", "ocr", 0, 0, 0m),
            Step("summarize", "cloud", "gpt-4o-mini", 900, 100, 0.0012m),
            Step("classify", "cloud", "gpt-4o-mini", 1000, 20, 0.0011m),
            Step("embed-0", "inference", "snowflake-arctic-embed-xs", 300, 0, 0.0001m),
            Step("embed-1", "inference", "snowflake-arctic-embed-xs", 200, 0, 0.0002m),
        ]);

        await Store.RecordAsync(usage, ct);
        await Store.RecordAsync(usage, ct); // a retried activity, or a replay that ran it again
        var total = await Store.QueryAsync("tenant-a", Noon.AddHours(-1), Noon.AddHours(1), ct);

        total.Workflows.ShouldBe(1);
        total.Completed.ShouldBe(1);
        total.Total.ShouldBe(new UsageTotals(2400, 120, 0.0026m));
        total.ByStep["embed"].ShouldBe(new UsageTotals(500, 0, 0.0003m));
        total.ByStep.Keys.ShouldBe(["classify", "embed", "extract", "summarize"]);
        total.ByModel["cloud/gpt-4o-mini"].ShouldBe(new UsageTotals(1900, 120, 0.0023m));
        total.ByModel.ContainsKey("inference/ocr").ShouldBeFalse("a step that consumed nothing is not a model's usage");
    }

    [Fact]
    public async Task QueryAsync_OtherTenantsAndOtherTimes_AreNotCounted()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordAsync(new WorkflowUsage("tenant-a", "a-1", WorkflowUsage.Completed, Noon, [Step("summarize", "p", "m", 10, 1, 1m)]), ct);
        await Store.RecordAsync(new WorkflowUsage("tenant-a", "a-2", WorkflowUsage.Failed, Noon.AddMinutes(5), [Step("summarize", "p", "m", 20, 2, 2m)]), ct);
        await Store.RecordAsync(new WorkflowUsage("tenant-a", "a-old", WorkflowUsage.Completed, Noon.AddDays(-40), [Step("summarize", "p", "m", 40, 4, 4m)]), ct);
        await Store.RecordAsync(new WorkflowUsage("tenant-b", "b-1", WorkflowUsage.Completed, Noon, [Step("summarize", "p", "m", 80, 8, 8m)]), ct);

        var a = await Store.QueryAsync("tenant-a", Noon.AddDays(-1), Noon.AddDays(1), ct);
        var b = await Store.QueryAsync("tenant-b", Noon.AddDays(-1), Noon.AddDays(1), ct);
        var none = await Store.QueryAsync("tenant-c", Noon.AddDays(-1), Noon.AddDays(1), ct);

        (a.Workflows, a.Completed, a.Failed).ShouldBe((2, 1, 1));
        a.Total.ShouldBe(new UsageTotals(30, 3, 3m));
        b.Total.ShouldBe(new UsageTotals(80, 8, 8m));
        none.Workflows.ShouldBe(0);
        none.Total.ShouldBe(UsageTotals.Zero);
    }

    [Fact]
    public async Task RecordAsync_FailedRunThenRestartedRun_KeepsBoth_AndGroupsByDayAndModel()
    {
        var ct = TestContext.Current.CancellationToken;
        var failed = new WorkflowUsage("tenant-r", "tenant-r~again", WorkflowUsage.Failed, Noon.AddDays(-1), [Step("classify", "p", "m", 100, 0, 0.01m)]);
        var completed = new WorkflowUsage("tenant-r", "tenant-r~again", WorkflowUsage.Completed, Noon, [
            Step("classify", "p", "m", 0, 0, 0m), Step("summarize", "p", "n", 50, 10, 0.02m)]);

        await Store.RecordAsync(failed, ct);
        await Store.RecordAsync(failed, ct); // the failed run's record replayed
        await Store.RecordAsync(completed, ct);
        var total = await Store.QueryAsync("tenant-r", Noon.AddDays(-2), Noon.AddHours(1), ct);

        (total.Workflows, total.Completed, total.Failed).ShouldBe((2, 1, 1));
        total.Total.ShouldBe(new UsageTotals(150, 10, 0.03m), "the restarted run must not erase what the failed run billed");
        total.ByDay.Keys.ShouldBe([Noon.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Noon.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        total.ByDay[Noon.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]["p/m"].ShouldBe(new UsageTotals(100, 0, 0.01m));
        total.ByDay[Noon.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].Keys.ShouldBe(["p/n"]);
    }

    [Fact]
    public async Task QueryAsync_EmptyRange_IsRejected() =>
        await Should.ThrowAsync<ArgumentException>(() => Store.QueryAsync("tenant-a", Noon, Noon, TestContext.Current.CancellationToken));

    [Theory]
    [InlineData("embed-12", "embed")]
    [InlineData("summarize", "summarize")]
    [InlineData("re-rank", "re-rank")]
    [InlineData("-3", "-3")]
    public void StepKind_FoldsNumberedBatchesOnly(string step, string kind) => WorkflowUsage.StepKind(step).ShouldBe(kind);

    private static StepRecord Step(string step, string provider, string model, long input, long output, decimal cost) =>
        new(step, provider, model, input, output, cost, Cached: false, DurationMs: 1);
}
