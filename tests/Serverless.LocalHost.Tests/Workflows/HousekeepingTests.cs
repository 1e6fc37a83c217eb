using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.App.Ingestion;
using Serverless.App.Storage;
using Serverless.App.Workflows;
using Serverless.LocalHost.Tests.Ingestion;
using Serverless.Testing;
using Shouldly;

namespace Serverless.LocalHost.Tests.Workflows;

[Trait("Category", "Integration")]
public sealed class HousekeepingTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Manual = new() { ["App:Ingestion"] = nameof(IngestionMode.None) };

    [Fact]
    public async Task RunAsync_BeforeAndAfterRetention_PurgesOnlyOldFinishedWorkflowsAndReceiptsOfGoneBlobs()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Manual);
        var ingestor = app.Get<BlobIngestor>();
        var gone = "deleted later\n"u8.ToArray();
        var kept = "still in incoming\n"u8.ToArray();
        await BlobDropTests.UploadAsync(app, "acme/gone.txt", gone);
        await BlobDropTests.UploadAsync(app, "acme/kept.txt", kept);
        var goneId = (await ingestor.IngestAsync(app.Names.Incoming, "acme/gone.txt", TestContext.Current.CancellationToken)).InstanceId!;
        var keptId = (await ingestor.IngestAsync(app.Names.Incoming, "acme/kept.txt", TestContext.Current.CancellationToken)).InstanceId!;
        await app.WaitForCompletionAsync(goneId);
        await app.WaitForCompletionAsync(keptId);
        await app.Get<StorageClients>().Blobs.GetBlobContainerClient(app.Names.Incoming)
            .DeleteBlobAsync("acme/gone.txt", cancellationToken: TestContext.Current.CancellationToken);

        var now = await Housekeeping(app, TimeSpan.Zero).RunAsync(TestContext.Current.CancellationToken);

        now.ShouldBe(new HousekeepingReport(0, 0));
        (await app.Durable.GetInstanceAsync(goneId, TestContext.Current.CancellationToken)).ShouldNotBeNull();

        var later = await Housekeeping(app, TimeSpan.FromDays(31)).RunAsync(TestContext.Current.CancellationToken);

        later.ShouldBe(new HousekeepingReport(2, 1));
        (await app.Durable.GetInstanceAsync(goneId, TestContext.Current.CancellationToken)).ShouldBeNull();
        (await app.Durable.GetInstanceAsync(keptId, TestContext.Current.CancellationToken)).ShouldBeNull();
        var receipts = app.Get<StorageClients>().Tables.GetTableClient(app.Names.Receipts);
        var left = new List<string>();
        await foreach (var row in receipts.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
        {
            left.Add(row.GetString("BlobName"));
        }

        left.ShouldBe(["acme/kept.txt"], "an unchanged blob keeps its receipt, or the watcher would start it again");
    }

    [Fact]
    public async Task RunAsync_RunningWorkflowOlderThanRetention_IsNotPurged()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), Manual);
        var content = "held for review\n"u8.ToArray();
        await BlobDropTests.UploadAsync(app, "acme/held.txt", content);
        var instanceId = WorkflowIds.ForLocalId("acme", "held");
        await app.Get<WorkflowService>().StartAsync(
            instanceId,
            new DocumentRef("acme", app.Names.Incoming, "acme/held.txt", TestData.Sha(content), "text/plain", HoldUntilEvent: "release"),
            TestContext.Current.CancellationToken);
        await app.Durable.WaitForInstanceStartAsync(instanceId, TestContext.Current.CancellationToken);

        var report = await Housekeeping(app, TimeSpan.FromDays(31)).RunAsync(TestContext.Current.CancellationToken);

        report.PurgedInstances.ShouldBe(0);
        (await app.Durable.GetInstanceAsync(instanceId, TestContext.Current.CancellationToken)).ShouldNotBeNull().RuntimeStatus
            .ShouldBe(OrchestrationRuntimeStatus.Running);
    }

    private static Housekeeping Housekeeping(FunctionsApp app, TimeSpan ahead) => new(
        app.Durable, app.Get<StorageClients>(), app.Get<IOptions<AppOptions>>(), new ShiftedTime(ahead), NullLogger<Housekeeping>.Instance);

    /// <summary>The system clock, <paramref name="ahead"/> in the future: the retention period has passed for what exists now.</summary>
    private sealed class ShiftedTime(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }
}
