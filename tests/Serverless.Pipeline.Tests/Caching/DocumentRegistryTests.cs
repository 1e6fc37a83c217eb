using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Caching;
using Serverless.Pipeline.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Pipeline.Tests.Caching;

/// <summary>"The same bytes twice return the existing result": one claim wins per tenant and content hash.</summary>
public sealed class DocumentRegistryTests(AzuriteFixture azurite) : PipelineTest(azurite.ConnectionString)
{
    private DocumentRegistry Registry => Services.GetRequiredService<DocumentRegistry>();

    [Fact]
    public async Task ClaimAsync_SameBytesTwice_SecondGetsTheFirstWorkflowAndResult()
    {
        var hash = ContentHash.Of("invoice bytes"u8);
        var ct = TestContext.Current.CancellationToken;

        var (firstClaimed, _) = await Registry.ClaimAsync("tenant-a", hash, "wf-1", ct);
        await Registry.CompleteAsync("tenant-a", hash, "wf-1", "results/tenant-a/wf-1.json", ct);
        var (secondClaimed, existing) = await Registry.ClaimAsync("tenant-a", hash, "wf-2", ct);

        firstClaimed.ShouldBeTrue();
        secondClaimed.ShouldBeFalse();
        existing.WorkflowId.ShouldBe("wf-1");
        existing.IsCompleted.ShouldBeTrue();
        existing.ResultBlob.ShouldBe("results/tenant-a/wf-1.json");
    }

    [Fact]
    public async Task ClaimAsync_TenConcurrentClaims_ExactlyOneWins()
    {
        var hash = ContentHash.Of("raced bytes"u8);

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Registry.ClaimAsync("tenant-a", hash, $"wf-{i}", TestContext.Current.CancellationToken)));

        claims.Count(c => c.Claimed).ShouldBe(1);
        claims.Select(c => c.Registration.WorkflowId).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ClaimAsync_SameBytesOtherTenant_Independent()
    {
        var hash = ContentHash.Of("shared bytes"u8);
        var ct = TestContext.Current.CancellationToken;

        (await Registry.ClaimAsync("tenant-a", hash, "wf-a", ct)).Claimed.ShouldBeTrue();
        (await Registry.ClaimAsync("tenant-b", hash, "wf-b", ct)).Claimed.ShouldBeTrue();
    }

    [Fact]
    public async Task ReleaseAsync_ByClaimingWorkflowOnly_AllowsAFreshClaim()
    {
        var hash = ContentHash.Of("failed bytes"u8);
        var ct = TestContext.Current.CancellationToken;
        await Registry.ClaimAsync("tenant-a", hash, "wf-1", ct);

        (await Registry.ReleaseAsync("tenant-a", hash, "wf-other", ct)).ShouldBeFalse();
        (await Registry.ReleaseAsync("tenant-a", hash, "wf-1", ct)).ShouldBeTrue();
        (await Registry.ClaimAsync("tenant-a", hash, "wf-2", ct)).Claimed.ShouldBeTrue();
    }

    [Theory]
    [InlineData("../other")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task ClaimAsync_HostileTenant_Refused(string tenant)
    {
        await Should.ThrowAsync<ArgumentException>(() => Registry.ClaimAsync(tenant, ContentHash.Of("x"u8), "wf", TestContext.Current.CancellationToken));
    }
}
