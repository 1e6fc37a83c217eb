using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.App.Ingestion;
using Serverless.App.Rejections;
using Serverless.App.Storage;
using Serverless.App.Workflows;
using Serverless.LocalHost.Queues;
using Serverless.LocalHost.Tests.Api;
using Serverless.Testing;
using Shouldly;

namespace Serverless.LocalHost.Tests.Ingestion;

/// <summary>The ERP entry on Azurite: sources map to tenants, permanent rejections are poisoned on the first delivery, duplicates start once.</summary>
public sealed class ErpInboundHandlerTests(AzuriteFixture azurite)
{
    private const string Source = "/sap/s4/prod/client-100";
    private const int StartedEventId = 4101;

    private static readonly string[] TwoEvents = ["po-0", "po-1"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MappedSource_EventWithoutTenant_WorkflowCompletes()
    {
        await using var app = App(AppNames.Unique());
        var content = "order line one\norder line two\n"u8.ToArray();
        await UploadErpDocumentAsync(app, "acme/orders/po-4711.txt", content);

        await SendAsync(app, Event("po-4711", "orders/po-4711.txt"));
        await app.Get<ErpIngestionService>().CreateListener().ReceiveBatchAsync(Ct);

        var instanceId = WorkflowIds.ForIdempotencyKey("acme", $"erp|{Source}|po-4711");
        var done = await app.WaitForCompletionAsync(instanceId);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.Tags["tenant"].ShouldBe("acme");
        done.ReadOutputAs<DocumentStats>().ShouldBe(new DocumentStats(content.Length, 2));
        (await PoisonAsync(app)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PrefixSource_MapsEverySourceBelowIt_LongestPrefixWins()
    {
        await using var app = App(AppNames.Unique(), new()
        {
            ["Erp:Sources:all-sap:Source"] = "/sap/*",
            ["Erp:Sources:all-sap:Tenant"] = "globex",
            ["Erp:Sources:all-sap:Container"] = "erp-unused",
        });
        var map = app.Get<ErpSourceMap>();

        map.Find("/sap/s4/prod/client-100")!.Tenant.ShouldBe("acme");
        map.Find("/sap/s4/test/client-200")!.Tenant.ShouldBe("globex");
        map.Find("/oracle/ebs").ShouldBeNull();
    }

    public static TheoryData<string, string> PermanentlyInvalid => new()
    {
        { "{not json", RejectionCodes.InvalidJson },
        { """{"specversion":"1.0","id":"e-1","source":"/sap/s4/prod/client-100","type":"com.example.other","data":{"blobName":"a.txt"}}""", RejectionCodes.SchemaViolation },
        { """{"specversion":"1.0","id":"e-2","source":"/sap/s4/prod/client-100","type":"com.serverless.erp.document.requested.v1","data":{"blobName":"a.txt","document":"JVBERi0="}}""", RejectionCodes.SchemaViolation },
        { """{"specversion":"1.0","id":"e-3","source":"/sap/s4/prod/client-100","type":"com.serverless.erp.document.requested.v1","data":{}}""", RejectionCodes.SchemaViolation },
        { """{"specversion":"1.0","id":"e-4","source":"/unknown/erp","type":"com.serverless.erp.document.requested.v1","data":{"blobName":"a.txt"}}""", RejectionCodes.UnknownSource },
        { """{"specversion":"1.0","id":"e-5","source":"/sap/s4/prod/client-100","type":"com.serverless.erp.document.requested.v1","data":{"blobName":"../other/a.txt"}}""", RejectionCodes.InvalidName },
        { """{"specversion":"1.0","id":"e-6","source":"/sap/s4/prod/client-100","type":"com.serverless.erp.document.requested.v1","data":{"blobName":"a.txt","tenant":"globex"}}""", RejectionCodes.TenantMismatch },
    };

    [Theory]
    [MemberData(nameof(PermanentlyInvalid))]
    public async Task PermanentRejection_PoisonedOnTheFirstDeliveryWithTheReason(string message, string code)
    {
        await using var app = App(AppNames.Unique());
        await SendAsync(app, message);

        (await app.Get<ErpIngestionService>().CreateListener().ReceiveBatchAsync(Ct)).ShouldBe(1);

        var poison = (await PoisonAsync(app)).ShouldHaveSingleItem();
        poison.DequeueCount.ShouldBe(1);
        poison.Code.ShouldBe(code);
        poison.Reason.ShouldStartWith(code + ": ");
        poison.Message.ShouldBe(message);
        (await app.Get<StorageClients>().Queues.GetQueueClient(app.Names.ErpInbound).PeekMessagesAsync(cancellationToken: Ct)).Value.ShouldBeEmpty();
    }

    [Fact]
    public async Task OversizedMessage_IsRefusedAsTooLarge()
    {
        await using var app = App(AppNames.Unique());
        var handler = app.Get<ErpInboundHandler>();
        var huge = Event("big", "a.txt").Replace("\"a.txt\"", "\"a.txt\",\"fileName\":\"" + new string('x', ErpEventSchema.MaxMessageBytes) + "\"", StringComparison.Ordinal);

        var error = await Should.ThrowAsync<PermanentRejectionException>(() => handler.HandleAsync(huge, null, Ct));

        error.Code.ShouldBe(RejectionCodes.TooLarge);
    }

    [Fact]
    public async Task BlobMissing_WithinGracePeriod_IsRetried_AfterIt_IsPoisonedAsBlobMissing()
    {
        await using var patient = App(AppNames.Unique(), new() { ["Erp:BlobGracePeriod"] = "00:10:00" });
        var error = await Should.ThrowAsync<InvalidOperationException>(() =>
            patient.Get<ErpInboundHandler>().HandleAsync(Event("late", "not-yet.txt"), TimeProvider.System.GetUtcNow(), Ct));
        DeliveryFailures.IsPermanent(error, out _).ShouldBeFalse();

        await using var app = App(AppNames.Unique(), new() { ["Erp:BlobGracePeriod"] = "00:00:00" });
        await SendAsync(app, Event("gone", "never-uploaded.txt"));
        await app.Get<ErpIngestionService>().CreateListener().ReceiveBatchAsync(Ct);

        var poison = (await PoisonAsync(app)).ShouldHaveSingleItem();
        poison.Code.ShouldBe(RejectionCodes.BlobMissing);
        poison.DequeueCount.ShouldBe(1);
    }

    [Fact]
    public async Task SameEventTwiceInOneBatch_OneWorkflow_StartedLoggedOnce()
    {
        var events = new EventCounter();
        await using var app = App(AppNames.Unique(), events: events);
        await UploadErpDocumentAsync(app, "acme/dup.txt", "duplicate delivery\n"u8.ToArray());
        var message = Event("po-dup", "dup.txt");
        await SendAsync(app, message);
        await SendAsync(app, message);
        var listener = app.Get<ErpIngestionService>().CreateListener();

        (await listener.ReceiveBatchAsync(Ct)).ShouldBe(2);
        await DrainAsync(app, listener);

        events[StartedEventId].ShouldBe(1);
        (await InstancesAsync(app)).ShouldBe([WorkflowIds.ForIdempotencyKey("acme", $"erp|{Source}|po-dup")]);
        (await PoisonAsync(app)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SameEventOnTwoHosts_OneWorkflow_StartedLoggedOnce()
    {
        var names = AppNames.Unique();
        var events = new EventCounter();
        await using var one = App(names, events: events);
        await using var two = App(names, events: events);
        await UploadErpDocumentAsync(one, "acme/twohosts.txt", "two hosts\n"u8.ToArray());
        var messages = Enumerable.Range(0, 6).Select(i => Event($"po-{i % 2}", "twohosts.txt")).ToList();
        foreach (var message in messages)
        {
            await SendAsync(one, message);
        }

        var listeners = new[] { one.Get<ErpIngestionService>().CreateListener(), two.Get<ErpIngestionService>().CreateListener() };
        await Task.WhenAll(listeners.Select(l => l.ReceiveBatchAsync(Ct)));
        await DrainAsync(one, listeners[0]);

        events[StartedEventId].ShouldBe(2);
        (await InstancesAsync(one)).Order().ShouldBe(TwoEvents.Select(id => WorkflowIds.ForIdempotencyKey("acme", $"erp|{Source}|{id}")).Order());
        (await PoisonAsync(one)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ErpDocument_LiesWhereBlobDropDoesNotLook_RunsOnceAndKeepsTheSourcesConfidentialRouting()
    {
        await using var app = App(AppNames.Unique(), new() { ["Erp:Sources:s4:Confidential"] = "true" });
        await UploadErpDocumentAsync(app, "acme/once.txt", "one document, one run\n"u8.ToArray());

        await SendAsync(app, Event("po-once", "once.txt"));
        await app.Get<ErpIngestionService>().CreateListener().ReceiveBatchAsync(Ct);
        await app.Get<BlobWatcher>().ScanAsync(Ct);

        var instanceId = (await InstancesAsync(app)).ShouldHaveSingleItem();
        var input = (await app.Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, Ct))!.ReadInputAs<DocumentRef>()!;
        input.Confidential.ShouldBeTrue();
        input.Container.ShouldBe(app.Names.ErpDocuments);
    }

    [Fact]
    public async Task ErpSourceContainer_IsTheBlobDropContainer_StartFailsNamingTheSetting()
    {
        var names = AppNames.Unique();
        await using var app = App(names, new() { ["Erp:Sources:s4:Container"] = names.Incoming });

        var error = Should.Throw<OptionsValidationException>(() => app.Get<IOptions<ErpInboundOptions>>().Value);

        error.Message.ShouldContain("Erp:Sources:s4:Container must not be the blob-drop container");
    }

    [Fact]
    public async Task Rejections_AreListedForTheirTenantOnly()
    {
        await using var app = App(AppNames.Unique());
        await SendAsync(app, """{"specversion":"1.0","id":"e-9","source":"/sap/s4/prod/client-100","type":"com.serverless.erp.document.requested.v1","data":{"blobName":"a.txt","tenant":"globex"}}""");
        await app.Get<ErpIngestionService>().CreateListener().ReceiveBatchAsync(Ct);
        using var acme = await app.ClientForAsync("acme");
        using var globex = await app.ClientForAsync("globex");

        using var response = await acme.GetPathAsync("/api/v1/rejections");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.JsonAsync();
        var item = page["items"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)item["entry"]).ShouldBe(RejectionEntries.Erp);
        ((string?)item["code"]).ShouldBe(RejectionCodes.TenantMismatch);
        ((string?)item["name"]).ShouldBe("a.txt");
        ((string?)item["reference"]).ShouldBe($"{Source} e-9");
        ((string?)item["message"]).ShouldNotBeNullOrWhiteSpace();
        using var other = await globex.GetPathAsync("/api/v1/rejections");
        (await other.JsonAsync())["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Schema_IsServedAnonymously_AndIsTheRepositoryFile()
    {
        await using var app = App(AppNames.Unique());
        using var anonymous = app.CreateClient();

        using var response = await anonymous.GetPathAsync("/api/v1/schemas/erp-inbound");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/schema+json");
        var served = await response.Content.ReadAsStringAsync(Ct);
        served.ShouldBe(File.ReadAllText(RepositoryRoot.Combine("schemas", "erp-document-requested.v1.json")));
        ErpEventSchema.Validate(JsonDocument.Parse(Event("ok", "a.txt")).RootElement).ShouldBeEmpty();
    }

    private FunctionsApp App(AppNames names, Dictionary<string, string?>? settings = null, EventCounter? events = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["App:Ingestion"] = nameof(Serverless.App.IngestionMode.None),
            ["Logging:LogLevel:Serverless"] = "Debug",
            ["Erp:Sources:s4:Source"] = Source,
            ["Erp:Sources:s4:Tenant"] = "acme",
            ["Erp:Sources:s4:Container"] = names.ErpDocuments,
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new FunctionsApp(azurite, names, all, events);
    }

    internal static string Event(string id, string blobName, string source = Source) => new JsonObject
    {
        ["specversion"] = "1.0",
        ["id"] = id,
        ["source"] = source,
        ["type"] = ErpEventSchema.EventType,
        ["time"] = "2026-11-30T10:00:00Z",
        ["datacontenttype"] = "application/json",
        ["data"] = new JsonObject { ["blobName"] = blobName },
    }.ToJsonString();

    private async Task UploadErpDocumentAsync(FunctionsApp app, string name, byte[] content)
    {
        var container = azurite.Blobs().GetBlobContainerClient(app.Names.ErpDocuments);
        await container.CreateIfNotExistsAsync(cancellationToken: Ct);
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: true, Ct);
    }

    private static async Task SendAsync(FunctionsApp app, string message)
    {
        var queue = app.Get<StorageClients>().Queues.GetQueueClient(app.Names.ErpInbound);
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        await queue.SendMessageAsync(message, Ct);
    }

    private static async Task DrainAsync(FunctionsApp app, QueueListener listener)
    {
        var queue = app.Get<StorageClients>().Queues.GetQueueClient(app.Names.ErpInbound);
        for (var i = 0; i < 50 && (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount > 0; i++)
        {
            if (await listener.ReceiveBatchAsync(Ct) == 0)
            {
                await Task.Delay(100, Ct);
            }
        }

        (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount.ShouldBe(0);
    }

    private static async Task<List<PoisonMessage>> PoisonAsync(FunctionsApp app)
    {
        var poison = app.Get<StorageClients>().Queues.GetQueueClient(app.Names.ErpInbound + "-poison");
        if (!(await poison.ExistsAsync(Ct)).Value)
        {
            return [];
        }

        return [.. (await poison.PeekMessagesAsync(32, Ct)).Value.Select(m => JsonSerializer.Deserialize(m.Body.ToString(), QueueJsonContext.Default.PoisonMessage)!)];
    }

    private static async Task<List<string>> InstancesAsync(FunctionsApp app)
    {
        var ids = new List<string>();
        await foreach (var instance in app.Durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "acme~" }).WithCancellation(Ct))
        {
            ids.Add(instance.InstanceId);
        }

        return ids;
    }
}
