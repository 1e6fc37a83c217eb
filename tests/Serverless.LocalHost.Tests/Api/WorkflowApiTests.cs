using System.Net;
using System.Text;
using Serverless.Testing;
using Shouldly;

namespace Serverless.LocalHost.Tests.Api;

public sealed class WorkflowApiTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["App:Ingestion"] = nameof(IngestionMode.None),
        ["App:MaxRequestBytes"] = "4096",
    };

    [Fact]
    public async Task Upload_Returns202WithManagementUrls_ThenStatus200WithOutput()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Settings);
        using var client = await app.ClientForAsync("acme");

        using var start = await client.UploadAsync("one\ntwo\n"u8.ToArray(), "notes.txt");

        start.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = await start.JsonAsync();
        var id = (string)body["id"]!;
        id.ShouldStartWith("acme~");
        start.Headers.Location!.ToString().ShouldBe((string)body["statusQueryGetUri"]!);
        foreach (var field in new[] { "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "suspendPostUri", "resumePostUri", "restartPostUri", "purgeHistoryDeleteUri" })
        {
            ((string?)body[field]).ShouldNotBeNullOrEmpty(field);
        }

        var done = await client.WaitForStatusAsync(id, "Completed");
        ((string?)done["name"]).ShouldBe("DocumentStatsOrchestrator");
        ((string?)done["instanceId"]).ShouldBe(id);
        ((long?)done["output"]!["bytes"]).ShouldBe(8);
        ((long?)done["output"]!["lines"]).ShouldBe(2);
        ((string?)done["input"]!["tenant"]).ShouldBe("acme");
        ((string)done["createdTime"]!).ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        ((string?)done["lastUpdatedTime"]).ShouldNotBeNull();
        using var final = await client.GetPathAsync(ApiTestExtensions.StatusPath(id) + "?showHistory=true&showHistoryOutput=true");
        final.StatusCode.ShouldBe(HttpStatusCode.OK);
        var history = (await final.JsonAsync())["historyEvents"]!.AsArray();
        var types = history.Select(e => (string?)e!["EventType"]).ToList();
        types.ShouldNotContain("OrchestratorStarted");
        types.ShouldNotContain("TaskScheduled");
        ((string?)history[0]!["EventType"]).ShouldBe("ExecutionStarted");
        ((string?)history[0]!["FunctionName"]).ShouldBe("DocumentStatsOrchestrator");
        var completed = history.Where(e => (string?)e!["EventType"] == "TaskCompleted").ToList();
        completed.Select(e => (string?)e!["FunctionName"]).Order().ShouldBe(["CountBytesActivity", "CountLinesActivity"]);
        completed.ShouldAllBe(e => e!["ScheduledTime"] != null && e["Result"] != null);
        ((string?)history[^1]!["OrchestrationStatus"]).ShouldBe("Completed");
    }

    [Fact]
    public async Task Start_SameBytesOrSameIdempotencyKey_ReachSameInstance_OtherBytesUnderUsedId409()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Settings);
        using var client = await app.ClientForAsync("acme");

        var a = (string)(await (await client.UploadAsync("same\n"u8.ToArray(), "a.txt")).JsonAsync())["id"]!;
        var b = (string)(await (await client.UploadAsync("same\n"u8.ToArray(), "b.txt")).JsonAsync())["id"]!;
        var k1 = (string)(await (await client.UploadAsync("x\n"u8.ToArray(), "x.txt", idempotencyKey: "order-42")).JsonAsync())["id"]!;
        var k2 = (string)(await (await client.UploadAsync("x\n"u8.ToArray(), "x.txt", idempotencyKey: "order-42")).JsonAsync())["id"]!;
        using var keyReused = await client.UploadAsync("y\n"u8.ToArray(), "y.txt", idempotencyKey: "order-42");
        using var named = await client.UploadAsync("z\n"u8.ToArray(), "z.txt", new Dictionary<string, string> { ["instanceId"] = "invoice-7" });
        using var nameReused = await client.UploadAsync("w\n"u8.ToArray(), "w.txt", new Dictionary<string, string> { ["instanceId"] = "invoice-7" });

        b.ShouldBe(a);
        k2.ShouldBe(k1);
        k1.ShouldNotBe(a);
        ((string?)(await named.JsonAsync())["id"]).ShouldBe("acme~invoice-7");
        ((string?)(await keyReused.ShouldBeProblemAsync(HttpStatusCode.Conflict))["type"]).ShouldEndWith("/instance-exists");
        await nameReused.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task StartFromExistingBlob_JsonNamingBlob_Completes()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Settings);
        using var client = await app.ClientForAsync("acme");
        await Ingestion.BlobDropTests.UploadAsync(app, "acme/in/scan.txt", "a\nb\nc\n"u8.ToArray());

        using var start = await client.PostJsonAsync("/api/v1/workflows", """{"blobName":"in/scan.txt"}""");
        using var missing = await client.PostJsonAsync("/api/v1/workflows", """{"blobName":"in/none.txt"}""");
        using var traversal = await client.PostJsonAsync("/api/v1/workflows", """{"blobName":"../other/scan.txt"}""");

        start.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var done = await client.WaitForStatusAsync((string)(await start.JsonAsync())["id"]!, "Completed");
        ((long?)done["output"]!["lines"]).ShouldBe(3);
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await traversal.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task HeldWorkflow_SuspendResumeRaiseEvent_ThenCompletes()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Settings);
        using var client = await app.ClientForAsync("acme");
        using var start = await client.UploadAsync("held\n"u8.ToArray(), "held.txt", new Dictionary<string, string> { ["holdUntilEvent"] = "release" });
        var id = (string)(await start.JsonAsync())["id"]!;
        var path = ApiTestExtensions.StatusPath(id);

        var waiting = await client.WaitForStatusAsync(id, "Running");
        ((string?)waiting["customStatus"]!["waitingFor"]).ShouldBe("release");
        using (var running = await client.GetPathAsync(path))
        {
            running.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            running.Headers.RetryAfter.ShouldNotBeNull();
        }

        (await client.PostEmptyAsync(path + "/suspend?reason=check")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await client.WaitForStatusAsync(id, "Suspended");
        (await client.PostEmptyAsync(path + "/resume?reason=ok")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await client.WaitForStatusAsync(id, "Running");
        using var textEvent = await client.PostAsync(new Uri(path + "/raiseEvent/release", UriKind.Relative), new StringContent("yes"), TestContext.Current.CancellationToken);
        await textEvent.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await client.PostJsonAsync(path + "/raiseEvent/release", """{"by":"reviewer"}""")).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var done = await client.WaitForStatusAsync(id, "Completed");
        ((long?)done["output"]!["bytes"]).ShouldBe(5);
        await (await client.PostEmptyAsync(path + "/terminate")).ShouldBeProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task TerminateRestartPurgeAndList_BehaveLikeDurableFunctions()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Settings);
        using var client = await app.ClientForAsync("acme");
        var held = new Dictionary<string, string> { ["holdUntilEvent"] = "go" };
        var id = (string)(await (await client.UploadAsync("t1\n"u8.ToArray(), "t1.txt", held)).JsonAsync())["id"]!;
        var other = (string)(await (await client.UploadAsync("t2\n"u8.ToArray(), "t2.txt", held)).JsonAsync())["id"]!;
        await client.WaitForStatusAsync(id, "Running");

        (await client.PostEmptyAsync(ApiTestExtensions.StatusPath(id) + "/terminate?reason=wrong+file")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await client.WaitForStatusAsync(id, "Terminated");

        using var list = await client.GetPathAsync("/api/v1/workflows?runtimeStatus=Terminated");
        (await list.JsonAsync()).AsArray().Select(i => (string?)i!["instanceId"]).ShouldBe([id]);
        using var firstPage = await client.GetPathAsync("/api/v1/workflows?top=1");
        (await firstPage.JsonAsync()).AsArray().Count.ShouldBe(1);
        var token = firstPage.Headers.GetValues("x-ms-continuation-token").Single();
        using var secondRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/workflows?top=1");
        secondRequest.Headers.Add("x-ms-continuation-token", token);
        using var secondPage = await client.SendAsync(secondRequest, TestContext.Current.CancellationToken);
        var ids = (await firstPage.JsonAsync()).AsArray().Concat((await secondPage.JsonAsync()).AsArray()).Select(i => (string?)i!["instanceId"]);
        ids.Order().ShouldBe(new[] { id, other }.Order());
        await (await client.GetPathAsync("/api/v1/workflows?runtimeStatus=Sleeping")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        using var restart = await client.PostEmptyAsync(ApiTestExtensions.StatusPath(id) + "/restart?restartWithNewInstanceId=true");
        restart.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var restarted = (string)(await restart.JsonAsync())["id"]!;
        restarted.ShouldStartWith("acme~");
        restarted.ShouldNotBe(id);
        await client.WaitForStatusAsync(restarted, "Running");

        using var purge = await client.DeleteAsync(new Uri(ApiTestExtensions.StatusPath(id), UriKind.Relative), TestContext.Current.CancellationToken);
        purge.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((int?)(await purge.JsonAsync())["instancesDeleted"]).ShouldBe(1);
        await (await client.GetPathAsync(ApiTestExtensions.StatusPath(id))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("", "ok.txt", HttpStatusCode.BadRequest, "empty-file")]
    [InlineData("MZ\u0090\u0000\u0003", "report.pdf", HttpStatusCode.UnsupportedMediaType, "unsupported-type")]
    [InlineData("hello\n", "../../escape.txt", HttpStatusCode.BadRequest, "invalid-name")]
    [InlineData("hello\n", "a\u0001b.txt", HttpStatusCode.BadRequest, "invalid-name")]
    [InlineData("hello\n", "..", HttpStatusCode.BadRequest, "invalid-name")]
    public async Task BadUpload_ClearProblem_AndNothingStored(string content, string fileName, HttpStatusCode status, string code)
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Settings);
        using var client = await app.ClientForAsync("acme");

        using var response = await client.UploadAsync(Encoding.Latin1.GetBytes(content), fileName);

        var problem = await response.ShouldBeProblemAsync(status);
        ((string?)problem["type"]).ShouldEndWith("/" + code);
        await ShouldStoreNothingAsync(app);
    }

    [Fact]
    public async Task OversizedUpload_413_AndNothingStored()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Settings);
        using var client = await app.ClientForAsync("acme");

        using var atLimit = await client.UploadAsync(Encoding.ASCII.GetBytes(new string('a', 4096)), "limit.txt");
        atLimit.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var overLimit = await client.UploadAsync(Encoding.ASCII.GetBytes(new string('b', 4097)), "big.txt");
        using var wayOver = await client.UploadAsync(new byte[200_000], "huge.txt");

        await overLimit.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await wayOver.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        (await BlobsAsync(app)).ShouldHaveSingleItem().ShouldEndWith("/limit.txt");
    }

    [Fact]
    public async Task UnsupportedBody_415Problem()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Settings);
        using var client = await app.ClientForAsync("acme");

        using var response = await client.PostAsync(new Uri("/api/v1/workflows", UriKind.Relative), new StringContent("plain"), TestContext.Current.CancellationToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    private static async Task<List<string>> BlobsAsync(FunctionsApp app)
    {
        var container = app.Get<Serverless.App.Storage.StorageClients>().Blobs.GetBlobContainerClient(app.Names.Uploads);
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions(), TestContext.Current.CancellationToken))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static async Task ShouldStoreNothingAsync(FunctionsApp app) => (await BlobsAsync(app)).ShouldBeEmpty();
}
