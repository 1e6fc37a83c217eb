using System.Net;
using Serverless.App.Rejections;
using Serverless.Testing;
using Shouldly;

namespace Serverless.LocalHost.Tests.Api;

/// <summary><c>GET /api/v1/rejections</c>: refused uploads are listed for their tenant, newest first, paged.</summary>
public sealed class RejectionEndpointsTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RefusedUploads_AreListedNewestFirst_InPages()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique());
        using var client = await app.ClientForAsync("acme");

        (await client.UploadAsync("%PDF"u8.ToArray(), "ends-with-dot.")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.UploadAsync([0x00, 0x01, 0x02, 0xFF], "junk.bin")).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await client.UploadAsync([0x00, 0x01, 0x02, 0xFE], "junk-2.bin")).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);

        using var first = await client.GetPathAsync("/api/v1/rejections?pageSize=2");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await first.JsonAsync();
        var items = page["items"]!.AsArray();
        items.Select(i => (string?)i!["name"]).ShouldBe(["junk-2.bin", "junk.bin"]);
        items.ShouldAllBe(i => (string?)i!["entry"] == RejectionEntries.Upload && (string?)i!["code"] == RejectionCodes.UnsupportedContent);
        var token = (string?)page["continuationToken"];
        token.ShouldNotBeNullOrEmpty();
        using var second = await client.GetPathAsync($"/api/v1/rejections?pageSize=2&continuationToken={Uri.EscapeDataString(token)}");
        var last = (await second.JsonAsync())["items"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)last["name"]).ShouldBe("ends-with-dot.");
        ((string?)last["code"]).ShouldBe(RejectionCodes.InvalidName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task PageSizeOutOfRange_Is400(int pageSize)
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique());
        using var client = await app.ClientForAsync("acme");

        using var response = await client.GetPathAsync($"/api/v1/rejections?pageSize={pageSize}");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["type"]!.ToString().ShouldEndWith("invalid-page-size");
    }

    [Fact]
    public async Task WithoutKey_Is401()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique());
        using var anonymous = app.CreateClient();

        using var response = await anonymous.GetPathAsync("/api/v1/rejections");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
