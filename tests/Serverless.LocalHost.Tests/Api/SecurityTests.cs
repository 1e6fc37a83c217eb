using System.Net;
using Serverless.Testing;
using Shouldly;

namespace Serverless.LocalHost.Tests.Api;

public sealed class SecurityTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Settings = new() { ["App:Ingestion"] = nameof(IngestionMode.None) };

    [Theory]
    [InlineData(null)]
    [InlineData("sk_not-a-real-key")]
    [InlineData("garbage")]
    public async Task MissingOrUnknownKey_401Problem(string? key)
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Settings);
        using var client = app.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-api-key", key);
        }

        using var response = await client.GetPathAsync("/api/v1/workflows");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task BearerKey_IsAccepted()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Settings);
        var (key, _) = await app.Get<Serverless.App.Security.ApiKeyStore>().CreateAsync("acme", false, null, TestContext.Current.CancellationToken);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        using var response = await client.GetPathAsync("/api/v1/workflows");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OtherTenantsInstance_404OnEveryIdRoute_AndNotListed()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Settings);
        using var owner = await app.ClientForAsync("acme");
        using var intruder = await app.ClientForAsync("globex");
        using var start = await owner.UploadAsync("secret\n"u8.ToArray(), "s.txt", new Dictionary<string, string> { ["holdUntilEvent"] = "go" });
        var id = (string)(await start.JsonAsync())["id"]!;
        var path = ApiTestExtensions.StatusPath(id);

        await (await intruder.GetPathAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        foreach (var verb in new[] { "/terminate", "/suspend", "/resume", "/restart" })
        {
            await (await intruder.PostEmptyAsync(path + verb)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        await (await intruder.PostJsonAsync(path + "/raiseEvent/go", "{}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.DeleteAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await intruder.GetPathAsync("/api/v1/workflows?instanceIdPrefix=acme")).JsonAsync()).AsArray().ShouldBeEmpty();
        (await (await owner.GetPathAsync(path)).JsonAsync())["runtimeStatus"].ShouldNotBeNull();
    }

    [Fact]
    public async Task RateLimitExhausted_429WithRetryAfter_PerKey()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), new Dictionary<string, string?>(Settings)
        {
            ["App:RateLimitPermits"] = "3",
            ["App:RateLimitWindow"] = "00:01:00",
        });
        using var busy = await app.ClientForAsync("acme");
        using var calm = await app.ClientForAsync("acme");

        for (var i = 0; i < 3; i++)
        {
            (await busy.GetPathAsync("/api/v1/workflows")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var limited = await busy.GetPathAsync("/api/v1/workflows");
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThan(0);
        (await calm.GetPathAsync("/api/v1/workflows")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminEndpoint_NeedsAdminScope_AndCreatesWorkingKey()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Settings);
        using var plain = await app.ClientForAsync("acme");
        using var admin = await app.ClientForAsync("ops", admin: true);

        (await plain.PostJsonAsync("/api/v1/admin/api-keys", """{"tenant":"initech"}""")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await (await admin.PostJsonAsync("/api/v1/admin/api-keys", """{"tenant":"../x"}""")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using var created = await admin.PostJsonAsync("/api/v1/admin/api-keys", """{"tenant":"initech","name":"ci"}""");

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var key = (string)(await created.JsonAsync())["key"]!;
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", key);
        (await client.GetPathAsync("/api/v1/workflows")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ApiKeys_AreStoredHashed()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Settings);
        var (key, _) = await app.Get<Serverless.App.Security.ApiKeyStore>().CreateAsync("acme", false, null, TestContext.Current.CancellationToken);

        var table = app.Get<Serverless.App.Storage.StorageClients>().Tables.GetTableClient(app.Names.Keys);
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
        {
            foreach (var value in row.Select(p => p.Value))
            {
                (value?.ToString() ?? "").ShouldNotContain(key[3..]);
            }

            row.RowKey.ShouldNotContain(key[3..]);
        }
    }

    [Fact]
    public async Task OpenApiDocument_IsServedWithoutKey()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Settings);
        using var client = app.CreateClient();

        using var response = await client.GetPathAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var paths = (await response.JsonAsync())["paths"]!.AsObject();
        paths.Select(p => p.Key).ShouldContain("/api/v1/workflows/{instanceId}");
    }
}
