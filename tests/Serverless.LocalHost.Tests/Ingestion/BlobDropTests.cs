using System.Text;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Serverless.App.Ingestion;
using Serverless.App.Workflows;
using Serverless.Testing;
using Shouldly;

namespace Serverless.LocalHost.Tests.Ingestion;

public sealed class BlobDropTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Manual = new() { ["App:Ingestion"] = nameof(IngestionMode.None) };

    [Fact]
    public async Task BlobDrop_Watcher_WorkflowCompletesWithCounts()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique());
        _ = app.Server;
        var content = "first line\nsecond line\nthird"u8.ToArray();

        await UploadAsync(app, "acme/docs/note.txt", content);
        var done = await app.WaitForCompletionAsync(WorkflowIds.ForContent("acme", TestData.Sha(content)));

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<DocumentStats>().ShouldBe(new DocumentStats(content.Length, 3));
        done.Tags["tenant"].ShouldBe("acme");
    }

    [Fact]
    public async Task SameBytesDroppedTwice_StartsOneWorkflow()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Manual);
        var watcher = app.Get<BlobWatcher>();
        var content = "same bytes\n"u8.ToArray();

        await UploadAsync(app, "acme/a.txt", content);
        await watcher.ScanAsync(TestContext.Current.CancellationToken);
        await UploadAsync(app, "acme/b.txt", content);
        await UploadAsync(app, "acme/a.txt", content);
        await watcher.ScanAsync(TestContext.Current.CancellationToken);

        (await ReceiptsAsync(app)).ShouldHaveSingleItem()["InstanceId"].ShouldBe(WorkflowIds.ForContent("acme", TestData.Sha(content)));
        var instances = 0;
        await foreach (var _ in app.Durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "acme~" }).WithCancellation(TestContext.Current.CancellationToken))
        {
            instances++;
        }

        instances.ShouldBe(1);
    }

    [Fact]
    public async Task ChangedBytes_StartNewWorkflow_AndRestartStartsNothingAgain()
    {
        var names = AppNames.Unique();
        var first = "version one\n"u8.ToArray();
        var second = "version two\nmore\n"u8.ToArray();
        await using (var app = new FunctionsApp(azurite, names, Manual))
        {
            var watcher = app.Get<BlobWatcher>();
            await UploadAsync(app, "acme/report.txt", first);
            await watcher.ScanAsync(TestContext.Current.CancellationToken);
            await UploadAsync(app, "acme/report.txt", second);
            await watcher.ScanAsync(TestContext.Current.CancellationToken);

            (await ReceiptsAsync(app)).Select(r => r.RowKey).Order().ShouldBe(new[] { TestData.Sha(first), TestData.Sha(second) }.Order());
            (await app.WaitForCompletionAsync(WorkflowIds.ForContent("acme", TestData.Sha(second)))).ReadOutputAs<DocumentStats>()
                .ShouldBe(new DocumentStats(second.Length, 2));
        }

        await using var restarted = new FunctionsApp(azurite, names, Manual);
        var outcome = await restarted.Get<BlobIngestor>().IngestAsync(names.Incoming, "acme/report.txt", TestContext.Current.CancellationToken);

        outcome.Result.ShouldBe(IngestResult.AlreadyStarted);
        (await ReceiptsAsync(restarted)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task TwoAppInstances_OneAzurite_StartEachBlobOnce()
    {
        var names = AppNames.Unique();
        await using var one = new FunctionsApp(azurite, names, Manual);
        await using var two = new FunctionsApp(azurite, names, Manual);
        var blobs = Enumerable.Range(0, 8).Select(i => ($"acme/batch/{i}.txt", Encoding.UTF8.GetBytes($"document {i}\n"))).ToList();
        foreach (var (name, content) in blobs)
        {
            await UploadAsync(one, name, content);
        }

        var outcomes = await Task.WhenAll(blobs.SelectMany(b => new[] { one, two, one, two }.Select(app =>
            app.Get<BlobIngestor>().IngestAsync(names.Incoming, b.Item1, TestContext.Current.CancellationToken))));

        outcomes.Count(o => o.Result == IngestResult.Started).ShouldBe(blobs.Count);
        outcomes.Count(o => o.Result == IngestResult.AlreadyStarted).ShouldBe(blobs.Count * 3);
        foreach (var (_, content) in blobs)
        {
            (await one.WaitForCompletionAsync(WorkflowIds.ForContent("acme", TestData.Sha(content)))).RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        }
    }

    [Fact]
    public async Task ReceiptWithoutInstance_CrashBetweenReceiptAndStart_NextSightingStartsIt()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Manual);
        var content = "orphaned receipt\n"u8.ToArray();
        await UploadAsync(app, "acme/orphan.txt", content);
        var id = WorkflowIds.ForContent("acme", TestData.Sha(content));
        var receipts = app.Get<Serverless.App.Storage.StorageClients>().Tables.GetTableClient(app.Names.Receipts);
        await receipts.AddEntityAsync(new TableEntity("acme", TestData.Sha(content)) { ["InstanceId"] = id }, TestContext.Current.CancellationToken);

        var outcome = await app.Get<BlobIngestor>().IngestAsync(app.Names.Incoming, "acme/orphan.txt", TestContext.Current.CancellationToken);

        outcome.Result.ShouldBe(IngestResult.AlreadyStarted);
        (await app.WaitForCompletionAsync(id)).RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
    }

    [Fact]
    public async Task BlobOverwrittenWithOtherBytesBeforeActivitiesRun_OldWorkflowFailsClearly_NewOneCompletes()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Manual);
        var ingestor = app.Get<BlobIngestor>();
        var old = "old bytes\n"u8.ToArray();
        var changed = "new bytes\nline two\n"u8.ToArray();
        await UploadAsync(app, "acme/live.txt", old);
        var oldId = WorkflowIds.ForContent("acme", TestData.Sha(old));
        var document = new DocumentRef("acme", app.Names.Incoming, "acme/live.txt", TestData.Sha(old), "text/plain", HoldUntilEvent: "go");
        await app.Get<WorkflowService>().StartAsync(oldId, document, TestContext.Current.CancellationToken);

        await UploadAsync(app, "acme/live.txt", changed);

        // Raise the release once the workflow waits for it (as a person would, from its status): DurableTask.AzureStorage
        // defers an event that reaches a control queue before the instance's start message, which can take a long while.
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while ((await app.Durable.GetInstanceAsync(oldId, TestContext.Current.CancellationToken))?.RuntimeStatus != OrchestrationRuntimeStatus.Running
            && waiting.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await app.Durable.RaiseEventAsync(oldId, "go", cancellation: TestContext.Current.CancellationToken);
        await ingestor.IngestAsync(app.Names.Incoming, "acme/live.txt", TestContext.Current.CancellationToken);

        var failed = await app.WaitForCompletionAsync(oldId);
        failed.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        (failed.FailureDetails?.ErrorMessage ?? failed.SerializedOutput).ShouldNotBeNull().ShouldContain("no longer holds the version");
        (await app.WaitForCompletionAsync(WorkflowIds.ForContent("acme", TestData.Sha(changed)))).ReadOutputAs<DocumentStats>()
            .ShouldBe(new DocumentStats(changed.Length, 2));
    }

    [Fact]
    public async Task TwoAppInstances_BothWatching_EachBlobVersionStartedOnce()
    {
        const int StartedEvent = 1001;
        var names = AppNames.Unique();
        var events = new EventCounter();
        var settings = new Dictionary<string, string?> { ["App:WatchInterval"] = "00:00:00.050", ["Logging:LogLevel:Default"] = "Information" };
        await using var one = new FunctionsApp(azurite, names, settings, events);
        await using var two = new FunctionsApp(azurite, names, settings, events);
        _ = one.Server;
        _ = two.Server;
        var blobs = Enumerable.Range(0, 6).Select(i => Encoding.UTF8.GetBytes($"watched {i}\n")).ToList();

        for (var i = 0; i < blobs.Count; i++)
        {
            await UploadAsync(one, $"acme/w/{i}.txt", blobs[i]);
        }

        foreach (var content in blobs)
        {
            (await two.WaitForCompletionAsync(WorkflowIds.ForContent("acme", TestData.Sha(content)))).RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        }

        await one.Get<BlobWatcher>().ScanAsync(TestContext.Current.CancellationToken);
        await two.Get<BlobWatcher>().ScanAsync(TestContext.Current.CancellationToken);
        events[StartedEvent].ShouldBe(blobs.Count);
        (await ReceiptsAsync(one)).Count.ShouldBe(blobs.Count);
    }

    [Theory]
    [InlineData("no-tenant.txt", "hello\n")]
    [InlineData("Bad_Tenant/x.txt", "hello\n")]
    [InlineData("acme/program.exe", "MZ\u0090\u0000binary")]
    [InlineData("acme/empty.txt", "")]
    public async Task UnacceptableBlob_IsIgnoredWithoutReceipt(string name, string content)
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Manual);
        await UploadAsync(app, name, Encoding.Latin1.GetBytes(content));

        var outcome = await app.Get<BlobIngestor>().IngestAsync(app.Names.Incoming, name, TestContext.Current.CancellationToken);

        outcome.Result.ShouldBe(IngestResult.Ignored);
        outcome.Reason.ShouldNotBeNullOrEmpty();
        (await ReceiptsAsync(app)).ShouldBeEmpty();
    }

    [Fact]
    public async Task EventGridMode_BlobCreatedEventOnQueue_WorkflowCompletes()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), new Dictionary<string, string?> { ["App:Ingestion"] = nameof(IngestionMode.EventGrid) });
        _ = app.Server;
        var content = "from event grid\n"u8.ToArray();
        await UploadAsync(app, "acme/eg.txt", content);
        var message = TestData.Read("eventgrid-blobcreated.json")
            .Replace("/containers/test-container/blobs/new-file.txt", $"/containers/{app.Names.Incoming}/blobs/acme/eg.txt", StringComparison.Ordinal);

        await azurite.Queues().GetQueueClient(app.Names.Events).SendMessageAsync(message, TestContext.Current.CancellationToken);

        var done = await app.WaitForCompletionAsync(WorkflowIds.ForContent("acme", TestData.Sha(content)));
        done.ReadOutputAs<DocumentStats>().ShouldBe(new DocumentStats(content.Length, 1));
    }

    [Fact]
    public async Task EventGridMode_MalformedEvent_GoesToPoisonQueueWithReason()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), new Dictionary<string, string?> { ["App:Ingestion"] = nameof(IngestionMode.EventGrid) });
        _ = app.Server;
        await azurite.Queues().GetQueueClient(app.Names.Events).SendMessageAsync("""{"eventType":"Microsoft.Storage.BlobCreated"}""", TestContext.Current.CancellationToken);
        var poison = azurite.Queues().GetQueueClient(app.Names.Events + "-poison");

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        Azure.Storage.Queues.Models.PeekedMessage[] dead = [];
        while (dead.Length == 0)
        {
            await Task.Delay(100, cts.Token);
            if ((await poison.ExistsAsync(cts.Token)).Value)
            {
                dead = (await poison.PeekMessagesAsync(10, cts.Token)).Value;
            }
        }

        var text = dead.ShouldHaveSingleItem().Body.ToString();
        text.ShouldContain("\"dequeueCount\":5");
        text.ShouldContain("FormatException: The BlobCreated event has no subject.");
    }

    internal static async Task UploadAsync(FunctionsApp app, string name, byte[] content)
    {
        var container = app.Get<Serverless.App.Storage.StorageClients>().Blobs.GetBlobContainerClient(app.Names.Incoming);
        await container.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: true, TestContext.Current.CancellationToken);
    }


    private static async Task<List<TableEntity>> ReceiptsAsync(FunctionsApp app)
    {
        var table = app.Get<Serverless.App.Storage.StorageClients>().Tables.GetTableClient(app.Names.Receipts);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
