using System.Net;
using Microsoft.DurableTask.Client;
using Serverless.App.Ingestion;
using Serverless.App.Rejections;
using Serverless.App.Workflows;
using Serverless.LocalHost.Tests.Api;
using Serverless.Testing;
using Shouldly;

namespace Serverless.LocalHost.Tests.Ingestion;

/// <summary>Blob intake survives hostile names: refused by the API's rules, logged escaped, recorded, and one bad folder does not stop the others.</summary>
public sealed class HostileBlobNameTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Manual = new()
    {
        ["App:Ingestion"] = nameof(IngestionMode.None),
        ["Logging:LogLevel:Serverless"] = "Debug",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NulNamedBlobInOneTenantsFolder_AzuriteFailsThatListing_OtherTenantsDropStillStarts()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Manual);
        _ = app.Server;
        var container = azurite.Blobs().GetBlobContainerClient(app.Names.Incoming);
        await container.CreateIfNotExistsAsync(cancellationToken: Ct);
        await container.GetBlobClient("evil/bad\0name.txt").UploadAsync(BinaryData.FromString("x\n"), Ct);
        // The reproduction: listing the folder fails (this Azurite answers with a NUL in the XML, which the SDK cannot read).
        var listing = await Should.ThrowAsync<Exception>(async () =>
        {
            await foreach (var _ in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "evil/" }, Ct))
            {
            }
        });
        TestContext.Current.TestOutputHelper?.WriteLine($"listing evil/ failed: {listing.GetType().Name}: {listing.Message}");
        var content = "good drop\n"u8.ToArray();
        await container.GetBlobClient("acme/good.txt").UploadAsync(BinaryData.FromBytes(content), Ct);

        await app.Get<BlobWatcher>().ScanAsync(Ct);
        await app.Get<BlobWatcher>().ScanAsync(Ct);

        (await app.WaitForCompletionAsync(WorkflowIds.ForContent("acme", TestData.Sha(content)))).RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        var failure = app.Get<IntakeListingHealth>().Failures.ShouldHaveSingleItem();
        failure.Key.ShouldBe("evil/");
        failure.Value.Error.ShouldStartWith(listing is Azure.RequestFailedException ? "storage answered" : listing.GetType().Name);
        using var http = app.CreateClient();
        using var response = await http.GetPathAsync("/healthz");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var intake = (await response.JsonAsync())["checks"]!["blob-intake"]!;
        ((string?)intake["status"]).ShouldBe("Degraded");
        ((string?)intake["data"]!["evil/"]).ShouldNotBeNull().ShouldContain("failure(s) since");
    }

    [Fact]
    public async Task CrLfName_AppearsEscapedInTheLog_AndIsListedAsARejectionOfItsTenantOnly()
    {
        var events = new EventCounter();
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Manual, events);
        var container = azurite.Blobs().GetBlobContainerClient(app.Names.Incoming);
        await container.CreateIfNotExistsAsync(cancellationToken: Ct);
        await container.GetBlobClient("acme/invoice\r\nERROR forged entry.txt").UploadAsync(BinaryData.FromString("x\n"), Ct);

        await app.Get<BlobWatcher>().ScanAsync(Ct);

        events.Lines.ShouldContain(l => l.Contains(@"acme/invoice\u000D\u000AERROR forged entry.txt", StringComparison.Ordinal));
        events.Lines.ShouldNotContain(l => l.Contains('\r') || l.Contains('\n'));
        using var acme = await app.ClientForAsync("acme");
        using var response = await acme.GetPathAsync("/api/v1/rejections?pageSize=10");
        var item = (await response.JsonAsync())["items"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)item["entry"]).ShouldBe(RejectionEntries.BlobDrop);
        ((string?)item["code"]).ShouldBe(RejectionCodes.InvalidName);
        ((string?)item["name"]).ShouldBe(@"acme/invoice\u000D\u000AERROR forged entry.txt");
        using var globex = await app.ClientForAsync("globex");
        using var other = await globex.GetPathAsync("/api/v1/rejections");
        (await other.JsonAsync())["items"]!.AsArray().ShouldBeEmpty();
    }

    public static TheoryData<string, string> HostileNames => new()
    {
        { "acme/esc\u001B[31mred.txt", RejectionCodes.InvalidName },
        { "acme/del\u007F.txt", RejectionCodes.InvalidName },
        { "acme/c1\u0085next.txt", RejectionCodes.InvalidName },
        { "acme/invoice\u202Efdp.exe", RejectionCodes.InvalidName },
        { "acme/" + string.Join('/', Enumerable.Repeat("deep", BlobPaths.MaxSegments + 1)) + ".txt", RejectionCodes.InvalidName },
        { "acme/../globex/steal.txt", RejectionCodes.InvalidName },
        { "no-tenant-folder.txt", RejectionCodes.OutsideTenantFolder },
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task HostileName_IsRefusedAndRecorded(string name, string code)
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Manual);

        var outcome = await app.Get<BlobIngestor>().IngestAsync(app.Names.Incoming, name, Ct);

        outcome.Result.ShouldBe(IngestResult.Ignored);
        var tenant = code == RejectionCodes.OutsideTenantFolder ? RejectionStore.NoTenant : "acme";
        var rejection = (await app.Get<RejectionStore>().ListAsync(tenant, 10, null, Ct)).Items.ShouldHaveSingleItem();
        rejection.Code.ShouldBe(code);
        rejection.Name.ShouldBe(LogText.Escape(name));
        rejection.Name.ShouldAllBe(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format);
    }

    [Fact]
    public void FailingFolder_IsBackedOff_ThenListedAgainAfterTheBackoff()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var health = new IntakeListingHealth(time);
        var interval = TimeSpan.FromSeconds(2);

        health.Failed("evil/", new Azure.RequestFailedException(500, "listing failed"), interval).NextAttempt.ShouldBe(time.GetUtcNow() + (interval * 2));
        health.IsDue("evil/").ShouldBeFalse();
        health.IsDue("acme/").ShouldBeTrue();
        health.Failed("evil/", new Azure.RequestFailedException(500, "listing failed"), interval).Count.ShouldBe(2);
        time.Advance(IntakeListingHealth.MaxBackoff);

        health.IsDue("evil/").ShouldBeTrue();
        health.Succeeded("evil/");
        health.Failures.ShouldBeEmpty();
    }
}
