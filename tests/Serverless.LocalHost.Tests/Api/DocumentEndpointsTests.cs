using System.Net;
using Serverless.Testing;
using Shouldly;

namespace Serverless.LocalHost.Tests.Api;

/// <summary>
/// The documents API the dashboard reads and the dashboard's static files: tenant isolation, bad input as problem
/// details, retry refused for what has not ended. The workflows here wait for a release event before any AI step,
/// so no provider is called (its endpoint does not exist).
/// </summary>
public sealed class DocumentEndpointsTests(AzuriteFixture azurite)
{
    private static Dictionary<string, string?> PipelineSettings(AzuriteFixture azurite)
    {
        var settings = LocalPipelineSettings.Create(azurite.ConnectionString, new Uri("http://127.0.0.1:9/"))
            .Where(s => s.Key.StartsWith("Pipeline:", StringComparison.Ordinal) || s.Key == "App:Workflow")
            .ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["App:Ingestion"] = nameof(IngestionMode.None);
        settings["App:MonitorInstanceUrl"] = "https://monitor.example/hub/orchestrations/{instanceId}";
        return settings;
    }

    [Fact]
    public async Task Documents_OwnerSeesRowAndTimeline_OtherTenantSeesNothing()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), PipelineSettings(azurite));
        using var owner = await app.ClientForAsync("acme");
        using var intruder = await app.ClientForAsync("globex");
        using var start = await owner.UploadAsync("held for release\n"u8.ToArray(), "held.txt", new Dictionary<string, string> { ["holdUntilEvent"] = "go" });
        var id = (string)(await start.JsonAsync())["id"]!;
        await owner.WaitForStatusAsync(id, "Running");

        var page = await (await owner.GetPathAsync("/api/v1/documents?status=Running")).JsonAsync();
        var row = page["items"]!.AsArray().Single(r => (string?)r!["instanceId"] == id)!;
        ((string?)row["fileName"]).ShouldBe("held.txt");
        ((string?)row["entry"]).ShouldBe("http");
        ((string?)row["waitingFor"]).ShouldBe("go");
        ((string?)row["status"]).ShouldBe("Running");
        var detail = await (await owner.GetPathAsync("/api/v1/documents/" + Uri.EscapeDataString(id))).JsonAsync();
        ((string?)detail["monitorUrl"]).ShouldBe("https://monitor.example/hub/orchestrations/" + Uri.EscapeDataString(id));
        detail["events"]!.AsArray().Select(e => (string?)e!["type"]).ShouldContain("ExecutionStarted");
        (await (await owner.GetPathAsync("/api/v1/documents?label=invoice")).JsonAsync())["items"]!.AsArray().ShouldBeEmpty("nothing is labelled yet");

        var trace = await (await owner.GetPathAsync("/api/v1/documents/" + Uri.EscapeDataString(id) + "/trace")).JsonAsync();
        var spans = trace["traces"]![0]!["spans"]!.AsArray();
        spans.Select(x => (string?)x!["name"]).ShouldContain("create_orchestration:DocumentPipeline");
        spans.ShouldContain(x => (string?)x!["name"] == "POST /api/v1/workflows/" && (string?)x!["tags"]!["serverless.instance_id"] == id);

        (await (await intruder.GetPathAsync("/api/v1/documents")).JsonAsync())["items"]!.AsArray().ShouldBeEmpty();
        await (await intruder.GetPathAsync("/api/v1/documents/" + Uri.EscapeDataString(id) + "/trace")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.GetPathAsync("/api/v1/documents/" + Uri.EscapeDataString(id))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.GetPathAsync("/api/v1/documents/" + Uri.EscapeDataString(id) + "/text")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var intruderRetry = await (await intruder.PostJsonAsync("/api/v1/documents/retry", $$"""{"instanceIds":["{{id}}"]}""")).JsonAsync();
        ((string?)intruderRetry["items"]![0]!["reason"]).ShouldBe("not-found");
        ((int)intruderRetry["restarted"]!).ShouldBe(0);

        // Not ended: neither estimated nor restarted; no text before extraction.
        var estimate = await (await owner.PostJsonAsync("/api/v1/documents/retry-estimate", $$"""{"instanceIds":["{{id}}"]}""")).JsonAsync();
        ((bool)estimate["items"]![0]!["retryable"]!).ShouldBeFalse();
        ((string?)estimate["items"]![0]!["reason"]).ShouldBe("is Running");
        var retry = await (await owner.PostJsonAsync("/api/v1/documents/retry", $$"""{"instanceIds":["{{id}}"]}""")).JsonAsync();
        ((int)retry["restarted"]!).ShouldBe(0);
        await (await owner.PostEmptyAsync(ApiTestExtensions.StatusPath(id) + "/restart")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await owner.GetPathAsync("/api/v1/documents/" + Uri.EscapeDataString(id) + "/text")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Documents_PagesAndDateFilter_CoverEveryDocumentOnce()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), PipelineSettings(azurite));
        using var owner = await app.ClientForAsync("acme");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var start = await owner.UploadAsync(System.Text.Encoding.UTF8.GetBytes($"held document {i}\n"), $"held-{i}.txt", new Dictionary<string, string> { ["holdUntilEvent"] = "go" });
            ids.Add((string)(await start.JsonAsync())["id"]!);
        }

        foreach (var id in ids)
        {
            await owner.WaitForStatusAsync(id, "Running");
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await (await owner.GetPathAsync("/api/v1/documents?top=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)))).JsonAsync();
            var items = page["items"]!.AsArray();
            items.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(items.Select(r => (string)r!["instanceId"]!));
            token = (string?)page["continuationToken"];
            pages++;
        }
        while (token is not null && pages < 5);

        seen.ShouldBe(ids, ignoreOrder: true);
        pages.ShouldBeGreaterThan(1);
        var future = Uri.EscapeDataString(TimeProvider.System.GetUtcNow().AddDays(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        (await (await owner.GetPathAsync("/api/v1/documents?createdFrom=" + future)).JsonAsync())["items"]!.AsArray().ShouldBeEmpty();
        var past = Uri.EscapeDataString(TimeProvider.System.GetUtcNow().AddDays(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        (await (await owner.GetPathAsync("/api/v1/documents?createdFrom=" + past)).JsonAsync())["items"]!.AsArray().Count.ShouldBe(3);
    }

    [Theory]
    [InlineData("/api/v1/documents?status=Sleeping")]
    [InlineData("/api/v1/documents?top=0")]
    [InlineData("/api/v1/documents?top=201")]
    public async Task Documents_BadQuery_400Problem(string path)
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), PipelineSettings(azurite));
        using var client = await app.ClientForAsync("acme");

        await (await client.GetPathAsync(path)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"instanceIds":[]}""")]
    [InlineData("""{"instanceIds":[""]}""")]
    [InlineData("not json")]
    public async Task Retry_BadBody_400Problem(string body)
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), PipelineSettings(azurite));
        using var client = await app.ClientForAsync("acme");

        await (await client.PostJsonAsync("/api/v1/documents/retry", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/documents/retry-estimate", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Taxonomy_ListsTheLabels_AndNeedsAKey()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), PipelineSettings(azurite));
        using var client = await app.ClientForAsync("acme");
        using var anonymous = app.CreateClient();

        var taxonomy = await (await client.GetPathAsync("/api/v1/taxonomy")).JsonAsync();

        taxonomy["labels"]!.AsArray().Select(l => (string?)l!["name"]).ShouldContain("invoice");
        await (await anonymous.GetPathAsync("/api/v1/taxonomy")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Dashboard_ServesItsFilesWithAStrictPolicy_AndNothingElse()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), PipelineSettings(azurite));
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var bare = await client.GetPathAsync("/dashboard");
        using var page = await client.GetPathAsync("/dashboard/");
        using var script = await client.GetPathAsync("/dashboard/app.js");
        using var missing = await client.GetPathAsync("/dashboard/../appsettings.json");
        using var unknown = await client.GetPathAsync("/dashboard/secrets.json");

        bare.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        bare.Headers.Location!.ToString().ShouldBe("/dashboard/");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("<script src=\"app.js\"");
        string.Join(";", page.Headers.GetValues("Content-Security-Policy")).ShouldContain("script-src 'self'");
        page.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
