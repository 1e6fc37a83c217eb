using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Models;
using Serverless.EndToEnd.Tests.Support;
using Serverless.Pipeline.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.EndToEnd.Tests;

/// <summary>
/// The document pipeline end to end: real Azurite, the real inference app, the function app as a child
/// process; documents enter by blob drop, HTTP and the ERP queue.
/// </summary>
public sealed class DocumentPipelineEndToEndTests(AzuriteFixture azurite, SharedInferenceApp inference)
{
    private static readonly string[] CloudSteps = ["Summarize", "Classify"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Entries_BlobDropHttpAndQueue_EachCompletesWithAPersistedResultAndIsSearchable()
    {
        await using var callback = await RecordingCloudServer.StartAsync(status: 200);
        await using var env = await PipelineEnvironment.StartAsync(azurite, inference, null, Ct);
        var http = Letter("http", "The quarterly heliotrope shipment arrives on Tuesday at the north dock.");
        var dropped = Letter("drop", "Invoice for zircon polishing services, total due within thirty days.");
        var queued = Letter("erp", "Purchase order for seventeen marmalade barrels from the Leeds depot.");

        var (status, _) = await env.UploadAsync(http, "http.txt", "via-http", Ct, ("callbackUrl", new Uri(callback.BaseAddress, "hooks/done").ToString()));
        status.ShouldBe(HttpStatusCode.Accepted);
        var incoming = azurite.Blobs().GetBlobContainerClient(env.IncomingContainer);
        await incoming.GetBlobClient($"{PipelineEnvironment.Tenant}/drops/dropped.txt").UploadAsync(BinaryData.FromBytes(dropped), Ct);
        var erpDocuments = azurite.Blobs().GetBlobContainerClient(env.ErpContainer);
        await erpDocuments.CreateIfNotExistsAsync(cancellationToken: Ct);
        await erpDocuments.GetBlobClient($"{PipelineEnvironment.Tenant}/orders/order.txt").UploadAsync(BinaryData.FromBytes(queued), Ct);
        var inbound = azurite.Queues().GetQueueClient(env.Settings["App:ErpInboundQueue"]);
        await inbound.CreateIfNotExistsAsync(cancellationToken: Ct);
        await inbound.SendMessageAsync(
            $$$"""{"specversion":"1.0","type":"com.serverless.erp.document.requested.v1","source":"{{{PipelineEnvironment.ErpSource}}}","id":"po-4711","datacontenttype":"application/json","data":{"blobName":"orders/order.txt","fileName":"order.txt"}}""",
            Ct);

        var fromHttp = await env.WaitAsync(PipelineEnvironment.InstanceId("via-http"), Ct);
        var fromDrop = await env.WaitAsync(PipelineEnvironment.InstanceId(Sha(dropped)), Ct);
        var completion = await ReceiveCompletionAsync(env);
        var fromQueue = await env.WaitAsync((string)completion["subject"]!, Ct);

        foreach (var done in new[] { fromHttp, fromDrop, fromQueue })
        {
            ((string?)done["runtimeStatus"]).ShouldBe("Completed", done.ToJsonString());
            ((string?)done["name"]).ShouldBe("DocumentPipeline");
            var output = done["output"]!;
            ((string?)output["classification"]!["label"]).ShouldNotBeNullOrWhiteSpace();
            ((int)output["chunkCount"]!).ShouldBeGreaterThan(0);
            ((string?)output["summary"]).ShouldNotBeNullOrWhiteSpace();
            var local = ((string)done["instanceId"]!).Split('~')[1];
            var result = azurite.Blobs().GetBlobContainerClient(env.ResultsContainer).GetBlobClient($"{PipelineEnvironment.Tenant}/{local}.json");
            (await result.ExistsAsync(Ct)).Value.ShouldBeTrue($"no result JSON for {local}");
        }

        callback.IdempotencyKeys.ShouldBe([$"{PipelineEnvironment.InstanceId("via-http")}:notify"]);
        ((string?)completion["type"]).ShouldBe("com.serverless.document.completed");
        ((string?)completion["data"]!["correlationId"]).ShouldBe("po-4711");
        ((string?)completion["data"]!["status"]).ShouldBe("Completed");

        var hits = await SearchAsync(env.Client, "heliotrope shipment dock");
        ((string?)hits[0]!["documentId"]).ShouldBe(Sha(http));
        var otherKey = await FunctionAppProcess.CreateApiKeyAsync(env.Settings, "other", Ct);
        using var other = new HttpClient { BaseAddress = env.App.BaseAddress };
        other.DefaultRequestHeaders.Add("x-api-key", otherKey);
        (await SearchAsync(other, "heliotrope shipment dock")).Count.ShouldBe(0, "another tenant must not see acme's chunks");
    }

    [Fact]
    public async Task ErpEventSentThreeTimesWithoutTenant_OneWorkflow_OneCompletionMessage()
    {
        await using var env = await PipelineEnvironment.StartAsync(azurite, inference, null, Ct);
        var erpDocuments = azurite.Blobs().GetBlobContainerClient(env.ErpContainer);
        await erpDocuments.CreateIfNotExistsAsync(cancellationToken: Ct);
        await erpDocuments.GetBlobClient($"{PipelineEnvironment.Tenant}/po-9.txt")
            .UploadAsync(BinaryData.FromBytes(Letter("erp-dup", "Delivery note for nine crates of walnut veneer.")), Ct);
        var inbound = azurite.Queues().GetQueueClient(env.Settings["App:ErpInboundQueue"]);
        await inbound.CreateIfNotExistsAsync(cancellationToken: Ct);
        var message = $$$"""{"specversion":"1.0","type":"com.serverless.erp.document.requested.v1","source":"{{{PipelineEnvironment.ErpSource}}}","id":"po-9","data":{"blobName":"po-9.txt"}}""";
        for (var i = 0; i < 3; i++)
        {
            await inbound.SendMessageAsync(message, Ct);
        }

        var completion = await ReceiveCompletionAsync(env);
        var done = await env.WaitAsync((string)completion["subject"]!, Ct);

        ((string?)done["runtimeStatus"]).ShouldBe("Completed", done.ToJsonString());
        ((string?)completion["id"]).ShouldBe($"{completion["subject"]}:notify");
        // The notify step ends before the workflow does: once it is Completed, every completion it will ever send is on the queue.
        var outbound = azurite.Queues().GetQueueClient(env.Settings["App:ErpOutboundQueue"]);
        (await outbound.PeekMessagesAsync(32, Ct)).Value.ShouldBeEmpty("the completion went out more than once");
        using var list = await env.Client.GetAsync(new Uri("api/v1/workflows?instanceIdPrefix=key-", UriKind.Relative), Ct);
        JsonNode.Parse(await list.Content.ReadAsStringAsync(Ct))!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task ErpEventDuplicated_TwoHostProcessesOnOneHub_OneWorkflow_OneCompletionMessage()
    {
        // One message per receive, so that both processes take copies of the duplicated event.
        await using var env = await PipelineEnvironment.StartAsync(azurite, inference, s => s["App:BatchSize"] = "1", Ct);
        await using var second = await FunctionAppProcess.StartAsync(env.Settings, Ct);
        var erpDocuments = azurite.Blobs().GetBlobContainerClient(env.ErpContainer);
        await erpDocuments.CreateIfNotExistsAsync(cancellationToken: Ct);
        await erpDocuments.GetBlobClient($"{PipelineEnvironment.Tenant}/po-2h.txt")
            .UploadAsync(BinaryData.FromBytes(Letter("erp-2h", "Return authorisation for four pallets of slate tiles.")), Ct);
        var inbound = azurite.Queues().GetQueueClient(env.Settings["App:ErpInboundQueue"]);
        await inbound.CreateIfNotExistsAsync(cancellationToken: Ct);
        var message = $$$"""{"specversion":"1.0","type":"com.serverless.erp.document.requested.v1","source":"{{{PipelineEnvironment.ErpSource}}}","id":"po-2h","data":{"blobName":"po-2h.txt","tenant":"{{{PipelineEnvironment.Tenant}}}"}}""";
        for (var i = 0; i < 6; i++)
        {
            await inbound.SendMessageAsync(message, Ct);
        }

        var completion = await ReceiveCompletionAsync(env);
        var done = await env.WaitAsync((string)completion["subject"]!, Ct);

        ((string?)done["runtimeStatus"]).ShouldBe("Completed", done.ToJsonString());
        var outbound = azurite.Queues().GetQueueClient(env.Settings["App:ErpOutboundQueue"]);
        (await outbound.PeekMessagesAsync(32, Ct)).Value.ShouldBeEmpty("the completion went out more than once");
        using var list = await env.Client.GetAsync(new Uri("api/v1/workflows?instanceIdPrefix=key-", UriKind.Relative), Ct);
        JsonNode.Parse(await list.Content.ReadAsStringAsync(Ct))!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task SameBytesTwice_SecondWorkflow_ReusesTheResultWithoutAnyAiCall()
    {
        await using var env = await PipelineEnvironment.StartAsync(azurite, inference, null, Ct);
        var content = Letter("twice", "Statement of the lighthouse maintenance fund for the autumn season.");

        await env.UploadAsync(content, "statement.txt", "first-run", Ct);
        var first = await env.WaitAsync(PipelineEnvironment.InstanceId("first-run"), Ct);
        await env.UploadAsync(content, "statement-copy.txt", "second-run", Ct);
        var second = await env.WaitAsync(PipelineEnvironment.InstanceId("second-run"), Ct);

        ((string?)first["runtimeStatus"]).ShouldBe("Completed", first.ToJsonString());
        ((string?)second["runtimeStatus"]).ShouldBe("Completed", second.ToJsonString());
        ((string?)second["output"]!["reusedFromWorkflowId"]).ShouldBe(PipelineEnvironment.InstanceId("first-run"));
        ((decimal)second["output"]!["cost"]!).ShouldBe(0m);
        ((decimal)first["output"]!["cost"]!).ShouldBeGreaterThan(0m);
        foreach (var step in new[] { "summarize", "classify", "embed-0" })
        {
            (await env.InferenceCallsAsync($"{PipelineEnvironment.InstanceId("first-run")}:{step}", Ct)).ShouldBe(1, step);
            (await env.InferenceCallsAsync($"{PipelineEnvironment.InstanceId("second-run")}:{step}", Ct)).ShouldBe(0, step);
        }

        // The tenant's usage: two workflows, billed once.
        var usage = JsonNode.Parse(await env.Client.GetStringAsync(new Uri("api/v1/usage", UriKind.Relative), Ct))!;
        ((int)usage["workflows"]!).ShouldBe(2, usage.ToJsonString());
        ((int)usage["completed"]!).ShouldBe(2, usage.ToJsonString());
        ((decimal)usage["total"]!["cost"]!).ShouldBe((decimal)first["output"]!["cost"]!, usage.ToJsonString());
        ((long)usage["total"]!["inputTokens"]!).ShouldBe((long)first["output"]!["inputTokens"]!, usage.ToJsonString());
        ((long)usage["byStep"]!["summarize"]!["inputTokens"]!).ShouldBeGreaterThan(0, usage.ToJsonString());
        using var backwards = await env.Client.GetAsync(new Uri("api/v1/usage?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", UriKind.Relative), Ct);
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await backwards.Content.ReadAsStringAsync(Ct)).ShouldContain("invalid-range");
    }

    [Fact]
    public async Task SigkillBetweenSteps_RestartedWorker_ResumesWithoutRepeatingAnyAiCall()
    {
        // Every classification waits for a review, so the worker is killed with extract, chunk,
        // summarise and classify recorded and nothing in flight.
        await using var env = await PipelineEnvironment.StartAsync(azurite, inference, s =>
        {
            s["Pipeline:ReviewConfidenceThreshold"] = "1";
            s["Pipeline:Workflow:ReviewTimeout"] = "00:10:00";
        }, Ct);
        var scan = await File.ReadAllBytesAsync(RepositoryRoot.Combine("samples", "invoice-scan.png"), Ct);
        var id = PipelineEnvironment.InstanceId("killed");

        await env.UploadAsync(scan, "invoice-scan.png", "killed", Ct);
        await env.PollAsync(id, s => (string?)s?["customStatus"]?["waitingFor"] == "ReviewDecision", Ct);
        env.App.Kill();
        await env.StartAppAsync(Ct);
        using var decision = new StringContent("""{"label":"invoice","reviewer":"e2e"}""", Encoding.UTF8, "application/json");
        (await env.Client.PostAsync(new Uri($"api/v1/workflows/{id}/raiseEvent/ReviewDecision", UriKind.Relative), decision, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var done = await env.WaitAsync(id, Ct);

        ((string?)done["runtimeStatus"]).ShouldBe("Completed", done.ToJsonString());
        ((string?)done["output"]!["labelDecidedBy"]).ShouldBe("human");
        ((string?)done["output"]!["classification"]!["label"]).ShouldBe("invoice");
        ((int)done["output"]!["ocrPageCount"]!).ShouldBe(1);
        foreach (var step in new[] { "extract", "summarize", "classify", "embed-0" })
        {
            (await env.InferenceCallsAsync($"{id}:{step}", Ct)).ShouldBe(1, $"{step} was called again after the restart");
        }
    }

    [Fact]
    public async Task ReviewerDecision_IsKeptAsALabelledExampleOfTheTenant()
    {
        await using var env = await PipelineEnvironment.StartAsync(azurite, inference, s =>
        {
            s["Pipeline:ReviewConfidenceThreshold"] = "1";
            s["Pipeline:Workflow:ReviewTimeout"] = "00:10:00";
        }, Ct);
        var letter = await File.ReadAllBytesAsync(RepositoryRoot.Combine("samples", "meeting-letter.txt"), Ct);
        var id = PipelineEnvironment.InstanceId("reviewed");

        await env.UploadAsync(letter, "meeting-letter.txt", "reviewed", Ct);
        await env.PollAsync(id, s => (string?)s?["customStatus"]?["waitingFor"] == "ReviewDecision", Ct);
        using var decision = new StringContent("""{"label":"report","reviewer":"e2e"}""", Encoding.UTF8, "application/json");
        (await env.Client.PostAsync(new Uri($"api/v1/workflows/{id}/raiseEvent/ReviewDecision", UriKind.Relative), decision, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var done = await env.WaitAsync(id, Ct);

        ((string?)done["output"]!["labelDecidedBy"]).ShouldBe("human");
        var table = new Azure.Data.Tables.TableClient(azurite.ConnectionString, env.Settings["Pipeline:Storage:ReviewExamplesTable"]);
        var example = table.Query<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == PipelineEnvironment.Tenant, cancellationToken: Ct).ShouldHaveSingleItem();
        example.RowKey.ShouldBe(Sha(letter));
        example.GetString("Label").ShouldBe("report");
        example.GetString("Text").ShouldBe((string?)done["output"]!["summary"]);
    }

    [Fact]
    public async Task LowConfidence_NoReviewBeforeTheTimeout_TheDefaultLabelApplies()
    {
        await using var env = await PipelineEnvironment.StartAsync(azurite, inference, s =>
        {
            s["Pipeline:ReviewConfidenceThreshold"] = "1";
            s["Pipeline:Workflow:ReviewTimeout"] = "00:00:02";
            s["Pipeline:Workflow:ReviewDefaultLabel"] = "other";
        }, Ct);

        await env.UploadAsync(Letter("review", "A note about the weather and nothing else."), "note.txt", "unreviewed", Ct);
        var done = await env.WaitAsync(PipelineEnvironment.InstanceId("unreviewed"), Ct);

        ((string?)done["runtimeStatus"]).ShouldBe("Completed", done.ToJsonString());
        ((string?)done["output"]!["labelDecidedBy"]).ShouldBe("default");
        ((string?)done["output"]!["classification"]!["label"]).ShouldBe("other");
        ((string?)done["output"]!["classification"]!["rationale"]).ShouldNotBeNull().ShouldContain("Review timed out");
    }

    [Fact]
    public async Task HostileCorpus_EachFileFailsWithAClearReason_WhileAGoodDocumentCompletes()
    {
        await using var env = await PipelineEnvironment.StartAsync(azurite, inference, s =>
        {
            s["Pipeline:Limits:MaxPages"] = "5";
            s["Pipeline:Limits:MaxDocumentBytes"] = "200000";
            s["Pipeline:Limits:MaxUnpackedBytes"] = "1000000";
        }, Ct);
        var corpus = new (string Name, byte[] Content, string FileName, string Code)[]
        {
            ("zero", [], "empty.pdf", "empty-file"),
            ("random", HostileDocuments.RandomBytes(4096), "scan.pdf", "unsupported-type"),
            ("truncated", HostileDocuments.TruncatedPdf(), "invoice.pdf", "pdf-malformed"),
            ("encrypted", HostileDocuments.EncryptedPdf(), "secret.pdf", "pdf-encrypted"),
            ("garbage", HostileDocuments.GarbagePdf(), "broken.pdf", "pdf-malformed"),
            ("pages", Serverless.Samples.SampleDocuments.TextPdf([.. Enumerable.Range(1, 7).Select(p => (IReadOnlyList<string>)[$"Page {p}"])]), "long.pdf", "too-many-pages"),
            ("bomb", HostileDocuments.PixelBomb(), "bomb.png", "image-too-many-pixels"),
            ("mismatch", Serverless.Samples.SampleDocuments.Docx([["Hello"]]), "report.pdf", "extension-mismatch"),
            ("oversized", Encoding.UTF8.GetBytes(new string('a', 300_000)), "big.txt", "document-too-large"),
            ("unpackbomb", HostileDocuments.DocxBomb(2_000_000), "bomb.docx", "archive-too-large"),
            ("entitybomb", HostileDocuments.DocxWithEntityBomb(), "lolz.docx", "docx-malformed"),
            ("noframe", HostileDocuments.JpegWithoutFrame(), "photo.jpg", "image-malformed"),
            ("flatebomb", Serverless.Samples.PdfBytes.FlateBomb(150L * 1024 * 1024), "report.pdf", "decompressed-too-large"),
            ("blankpdf", Serverless.Samples.SampleDocuments.TextPdf([[], []]), "blank.pdf", "no-text"),
            ("blankscan", Serverless.Samples.SampleDocuments.GrayPng(600, 800, (_, _) => 255), "blank.png", "no-text"),
        };
        var good = Letter("good", "Minutes of the orchard committee: the cider press will be repaired in May.");

        var started = new List<(string Name, string Code)>();
        foreach (var (name, content, fileName, code) in corpus)
        {
            var (status, body) = await env.UploadAsync(content, fileName, name, Ct);
            if (status == HttpStatusCode.Accepted)
            {
                started.Add((name, code));
            }
            else
            {
                ((int)status).ShouldBeInRange(400, 499, name);
                ((string?)body?["type"]).ShouldNotBeNull(name).ShouldEndWith(code, Case.Sensitive, name);
            }
        }

        await env.UploadAsync(good, "minutes.txt", "good", Ct);
        started.Count.ShouldBeGreaterThanOrEqualTo(9);
        foreach (var (name, code) in started)
        {
            var done = await env.WaitAsync(PipelineEnvironment.InstanceId(name), Ct);
            ((string?)done["runtimeStatus"]).ShouldBe("Failed", name);
            ((string?)done["output"]!["errorMessage"]).ShouldNotBeNull(name).ShouldContain(code, Case.Sensitive, name);
            foreach (var step in new[] { "summarize", "classify", "embed-0" })
            {
                (await env.InferenceCallsAsync($"{PipelineEnvironment.InstanceId(name)}:{step}", Ct)).ShouldBe(0, $"{name}: {step}");
            }
        }

        var completed = await env.WaitAsync(PipelineEnvironment.InstanceId("good"), Ct);
        ((string?)completed["runtimeStatus"]).ShouldBe("Completed", completed.ToJsonString());
    }

    [Fact]
    public async Task ConfidentialDocuments_NeverReachTheCloudProvider()
    {
        await using var cloud = await RecordingCloudServer.StartAsync();
        await using var env = await PipelineEnvironment.StartAsync(azurite, inference, s =>
        {
            s["Pipeline:Providers:cloud:Kind"] = "OpenAI";
            s["Pipeline:Providers:cloud:Endpoint"] = new Uri(cloud.BaseAddress, "v1").ToString();
            s["Pipeline:Providers:cloud:ApiKey"] = "test-only";
            s["Pipeline:Providers:cloud:IsCloud"] = "true";
            s["Pipeline:Resilience:MaxRetryAttempts"] = "0";
            foreach (var step in CloudSteps)
            {
                s[$"Pipeline:Steps:{step}:Provider"] = "cloud";
                s[$"Pipeline:Steps:{step}:Model"] = "gpt-4o-mini";
                s[$"Pipeline:Steps:{step}:ConfidentialProvider"] = "inference";
            }
        }, Ct);
        var byField = Letter("secret-field", "Salary review for the night shift: confidential figures enclosed.");
        var byMetadata = Letter("secret-meta", "Board minutes on the acquisition of the harbour warehouse.");
        var open = Letter("open", "Public notice: the library opens at nine on Saturdays.");

        await env.UploadAsync(byField, "salaries.txt", "by-field", Ct, ("confidential", "true"));
        var blob = azurite.Blobs().GetBlobContainerClient(env.IncomingContainer).GetBlobClient($"{PipelineEnvironment.Tenant}/board/minutes.txt");
        await blob.UploadAsync(BinaryData.FromBytes(byMetadata), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["confidential"] = "yes" } }, Ct);
        var fieldDone = await env.WaitAsync(PipelineEnvironment.InstanceId("by-field"), Ct);
        var metadataDone = await env.WaitAsync(PipelineEnvironment.InstanceId(Sha(byMetadata)), Ct);

        cloud.Calls.ShouldBe(0);
        foreach (var done in new[] { fieldDone, metadataDone })
        {
            ((string?)done["runtimeStatus"]).ShouldBe("Completed", done.ToJsonString());
            ((bool)done["output"]!["confidential"]!).ShouldBeTrue();
            var providers = done["output"]!["steps"]!.AsArray().Select(s => (string?)s!["provider"]).Where(p => p is not null).Distinct().ToList();
            providers.ShouldHaveSingleItem().ShouldBe("inference");
        }

        await env.UploadAsync(open, "notice.txt", "open", Ct);
        var openDone = await env.WaitAsync(PipelineEnvironment.InstanceId("open"), Ct);
        cloud.Calls.ShouldBeGreaterThan(0, "the stub must see non-confidential documents, or the zero above proves nothing");
        ((string?)openDone["runtimeStatus"]).ShouldBe("Failed");
        ((string?)openDone["output"]!["errorMessage"]).ShouldNotBeNull().ShouldContain("provider-rejected");
    }

    [Fact]
    public async Task FailedWorkflow_TenantUsage_KeepsWhatWasBilledBeforeTheFailure()
    {
        // Classify goes to a provider that refuses every call (fatal); summarise, run beside it, succeeds and is billed.
        await using var cloud = await RecordingCloudServer.StartAsync();
        await using var env = await PipelineEnvironment.StartAsync(azurite, inference, s =>
        {
            s["Pipeline:Providers:cloud:Kind"] = "OpenAI";
            s["Pipeline:Providers:cloud:Endpoint"] = new Uri(cloud.BaseAddress, "v1").ToString();
            s["Pipeline:Providers:cloud:ApiKey"] = "test-only";
            s["Pipeline:Resilience:MaxRetryAttempts"] = "0";
            s["Pipeline:Steps:Classify:Provider"] = "cloud";
            s["Pipeline:Steps:Classify:Model"] = "gpt-4o-mini";
        }, Ct);

        await env.UploadAsync(Letter("half", "Minutes of the harbour committee on the new pier lights."), "minutes.txt", "half-billed", Ct);
        var done = await env.WaitAsync(PipelineEnvironment.InstanceId("half-billed"), Ct);
        var usage = JsonNode.Parse(await env.Client.GetStringAsync(new Uri("api/v1/usage", UriKind.Relative), Ct))!;

        ((string?)done["runtimeStatus"]).ShouldBe("Failed", done.ToJsonString());
        ((string?)done["output"]!["errorMessage"]).ShouldNotBeNull().ShouldContain("provider-rejected");
        (await env.InferenceCallsAsync($"{PipelineEnvironment.InstanceId("half-billed")}:summarize", Ct)).ShouldBe(1);
        ((int)usage["failed"]!).ShouldBe(1, usage.ToJsonString());
        ((long)usage["byStep"]!["summarize"]!["inputTokens"]!).ShouldBeGreaterThan(0, usage.ToJsonString());
        ((decimal)usage["total"]!["cost"]!).ShouldBeGreaterThan(0m, usage.ToJsonString());
        usage["byStep"]!.AsObject().ContainsKey("classify").ShouldBeFalse(usage.ToJsonString());
    }

    [Fact]
    public async Task TenantBudgetSpent_NextBilledRunFailsAtItsStart_AndTheCallerHearsOfIt_WhileReuseStaysFree()
    {
        await using var callback = await RecordingCloudServer.StartAsync(status: 200);
        await using var env = await PipelineEnvironment.StartAsync(
            azurite, inference, s => s[$"Pipeline:Limits:TenantDailyTokensByTenant:{PipelineEnvironment.Tenant}"] = "1", Ct);
        var first = Letter("budget-1", "Invoice for the repair of the harbour crane, payable in thirty days.");

        await env.UploadAsync(first, "first.txt", "within-budget", Ct);
        var spent = await env.WaitAsync(PipelineEnvironment.InstanceId("within-budget"), Ct);
        await env.UploadAsync(Letter("budget-2", "A second letter about the crane."), "second.txt", "over-budget", Ct,
            ("callbackUrl", new Uri(callback.BaseAddress, "hooks/done").ToString()));
        var refused = await env.WaitAsync(PipelineEnvironment.InstanceId("over-budget"), Ct);
        await env.UploadAsync(first, "first-again.txt", "reuse-after-budget", Ct);
        var reused = await env.WaitAsync(PipelineEnvironment.InstanceId("reuse-after-budget"), Ct);

        ((string?)spent["runtimeStatus"]).ShouldBe("Completed", spent.ToJsonString());
        ((string?)refused["runtimeStatus"]).ShouldBe("Failed", refused.ToJsonString());
        ((string?)refused["output"]!["errorMessage"]).ShouldNotBeNull().ShouldContain("tenant-budget-exceeded");
        foreach (var step in new[] { "extract", "summarize", "classify", "embed-0" })
        {
            (await env.InferenceCallsAsync($"{PipelineEnvironment.InstanceId("over-budget")}:{step}", Ct)).ShouldBe(0, step);
        }

        callback.IdempotencyKeys.ShouldContain($"{PipelineEnvironment.InstanceId("over-budget")}:notify");
        ((string?)reused["runtimeStatus"]).ShouldBe("Completed", reused.ToJsonString());
        ((string?)reused["output"]!["reusedFromWorkflowId"]).ShouldBe(PipelineEnvironment.InstanceId("within-budget"));
    }

    private static byte[] Letter(string tag, string body) =>
        Encoding.UTF8.GetBytes($"Reference {tag}-{Guid.CreateVersion7():N}\n\nDear customer,\n\n{body}\n\nKind regards,\nThe office\n");

    private static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static async Task<JsonArray> SearchAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(new Uri($"api/v1/search?q={Uri.EscapeDataString(query)}&k=3", UriKind.Relative), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsArray();
    }

    private async Task<JsonObject> ReceiveCompletionAsync(PipelineEnvironment env)
    {
        var outbound = azurite.Queues().GetQueueClient(env.Settings["App:ErpOutboundQueue"]);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await outbound.ExistsAsync(Ct))
            {
                var messages = (await outbound.ReceiveMessagesAsync(1, cancellationToken: Ct)).Value;
                if (messages.Length == 1)
                {
                    return JsonNode.Parse(messages[0].Body.ToString())!.AsObject();
                }
            }

            await Task.Delay(250, Ct);
        }

        throw new TimeoutException($"No completion on erp-outbound.\n{env.App.RecentOutput}");
    }
}
