using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Serverless.Durable;
using Serverless.Functions.CustomHandler;
using Serverless.Functions.Security;
using Serverless.Functions.Tests.Api;
using Serverless.Functions.Workflows;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Functions.Tests.CustomHandler;

/// <summary>
/// Functions mode: the test plays the Functions host, posting the documented request payloads
/// (TestData/) to /{FunctionName} and checking the documented response shape.
/// </summary>
public sealed class CustomHandlerContractTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> FunctionsMode = new() { ["mode"] = "functions" };

    [Fact]
    public async Task BlobTriggerPayload_StartsWorkflow_AndAnswersResponsePayload()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), FunctionsMode);
        var content = "blob trigger\n"u8.ToArray();
        await Ingestion.BlobDropTests.UploadAsync(app, "acme/bt.txt", content);
        var payload = JsonNode.Parse(TestData.Read("blob-trigger-request.json"))!;
        payload["Metadata"]!["BlobTrigger"] = $"{app.Names.Incoming}/acme/bt.txt";

        var (status, response) = await InvokeAsync(app, nameof(IncomingBlob), payload);

        status.ShouldBe(HttpStatusCode.OK);
        ShouldBeResponsePayload(response);
        var id = WorkflowIds.ForContent("acme", TestData.Sha(content));
        ((string?)response["Logs"]![0]).ShouldBe($"Started workflow {id}.");
        (await InvokeAsync(app, nameof(IncomingBlob), payload)).Response["Logs"]![0]!.ToString().ShouldContain("already started");
        (await app.Durable.GetInstanceAsync(id, cancellation: TestContext.Current.CancellationToken))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
    }

    [Fact]
    public async Task QueueTriggerPayload_EventGridEvent_ThenEngineQueuesPumpedThroughFunctions_Completes()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), FunctionsMode);
        var content = "queue\ntrigger\n"u8.ToArray();
        await Ingestion.BlobDropTests.UploadAsync(app, "acme/q.txt", content);
        var message = TestData.Read("eventgrid-blobcreated.json")
            .Replace("/containers/test-container/blobs/new-file.txt", $"/containers/{app.Names.Incoming}/blobs/acme/q.txt", StringComparison.Ordinal);

        var (status, response) = await InvokeAsync(app, nameof(IncomingBlobEvent), QueuePayload(IncomingBlobEvent.TriggerName, message, 1));

        status.ShouldBe(HttpStatusCode.OK);
        ShouldBeResponsePayload(response);
        var id = WorkflowIds.ForContent("acme", TestData.Sha(content));
        await PumpEngineQueuesUntilDoneAsync(app, id);
        var done = await app.Durable.GetInstanceAsync(id, getInputsAndOutputs: true, TestContext.Current.CancellationToken);
        done!.ReadOutputAs<DocumentStats>().ShouldBe(new DocumentStats(content.Length, 2));
    }

    [Fact]
    public async Task QueueTriggerPayload_MalformedMessage_500WithReasonInLogs()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), FunctionsMode);

        var documented = JsonNode.Parse(TestData.Read("queue-trigger-request.json"))!.AsObject();
        Rename(documented, "myQueueItem", IncomingBlobEvent.TriggerName);

        var (status, response) = await InvokeAsync(app, nameof(IncomingBlobEvent), documented);

        status.ShouldBe(HttpStatusCode.InternalServerError);
        ShouldBeResponsePayload(response);
        response["Logs"]![0]!.ToString().ShouldContain("FormatException");
        response.ToJsonString().ShouldNotContain("   at ");
    }

    [Fact]
    public async Task HttpTriggerPayload_MappedOntoApi_AnswersResOutput()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), FunctionsMode);
        var (key, _) = await app.Get<ApiKeyStore>().CreateAsync("acme", false, null, TestContext.Current.CancellationToken);
        await Ingestion.BlobDropTests.UploadAsync(app, "acme/h.txt", "http\n"u8.ToArray());
        var payload = JsonNode.Parse(TestData.Read("http-trigger-request.json"))!;
        var req = payload["Data"]!["req"]!;
        req["Url"] = "http://localhost:7071/api/v1/workflows";
        req["Headers"]![ApiKeyAuthenticationHandler.HeaderName] = new JsonArray(key);
        req["Body"] = """{"blobName":"h.txt"}""";

        var (status, response) = await InvokeAsync(app, nameof(HttpApi), payload);

        status.ShouldBe(HttpStatusCode.OK);
        ShouldBeResponsePayload(response);
        var res = response["Outputs"]![HttpApi.OutputName]!;
        ((int?)res["statusCode"]).ShouldBe(202);
        var body = JsonNode.Parse((string)res["body"]!)!;
        ((string?)body["id"]).ShouldStartWith("acme~");
        ((string?)res["headers"]!["Location"]).ShouldBe((string?)body["statusQueryGetUri"]);
    }

    [Fact]
    public async Task HttpTriggerPayload_WithoutKey_Res401()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), FunctionsMode);
        var payload = JsonNode.Parse(TestData.Read("http-trigger-request.json"))!;
        payload["Data"]!["req"]!["Url"] = "http://localhost:7071/api/v1/workflows";

        var (_, response) = await InvokeAsync(app, nameof(HttpApi), payload);

        ((int?)response["Outputs"]![HttpApi.OutputName]!["statusCode"]).ShouldBe(401);
    }

    [Fact]
    public async Task NotAnInvocationPayload_400Problem()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), FunctionsMode);
        using var client = app.CreateClient();

        using var response = await client.PostJsonAsync("/" + nameof(IncomingBlob), "[not an object");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task LocalHostMode_FunctionEndpointsDoNotExist()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), new Dictionary<string, string?> { ["App:Ingestion"] = nameof(IngestionMode.None) });
        using var client = app.CreateClient();

        using var response = await client.PostJsonAsync("/" + nameof(IncomingBlob), TestData.Read("blob-trigger-request.json"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>Plays the host's queue triggers for the engine's queues until the instance ends.</summary>
    private async Task PumpEngineQueuesUntilDoneAsync(FunctionsApp app, string instanceId)
    {
        var engine = new DurableTaskOptions { TaskHubName = app.Names.TaskHub };
        var queues = new (QueueClient Queue, string Function)[]
        {
            (azurite.Queues().GetQueueClient(engine.OrchestrationQueueName), nameof(DurableOrchestrations)),
            (azurite.Queues().GetQueueClient(engine.ActivityQueueName), nameof(DurableActivities)),
        };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        while ((await app.Durable.GetInstanceAsync(instanceId, cancellation: cts.Token))?.IsCompleted != true)
        {
            var handled = 0;
            foreach (var (queue, function) in queues)
            {
                if (!(await queue.ExistsAsync(cts.Token)).Value)
                {
                    continue;
                }

                foreach (var m in (await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30), cts.Token)).Value)
                {
                    var (status, _) = await InvokeAsync(app, function, QueuePayload(DurableQueueFunction.TriggerName, m.Body.ToString(), m.DequeueCount));
                    if (status == HttpStatusCode.OK)
                    {
                        await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, cts.Token);
                    }

                    handled++;
                }
            }

            if (handled == 0)
            {
                await Task.Delay(50, cts.Token);
            }
        }
    }

    /// <summary>The documented queue payload with this function's binding name, message and dequeue count.</summary>
    private static JsonObject QueuePayload(string binding, string message, long dequeueCount)
    {
        var payload = JsonNode.Parse(TestData.Read("queue-trigger-request.json"))!.AsObject();
        Rename(payload, "myQueueItem", binding);
        payload["Data"]![binding] = message;
        payload["Metadata"]!["DequeueCount"] = dequeueCount;
        return payload;
    }

    private static void Rename(JsonObject payload, string from, string to)
    {
        var data = payload["Data"]!.AsObject();
        var value = data[from];
        data.Remove(from);
        data[to] = value?.DeepClone();
    }

    private static async Task<(HttpStatusCode Status, JsonNode Response)> InvokeAsync(FunctionsApp app, string function, JsonNode payload)
    {
        using var client = app.CreateClient();
        using var response = await client.PostJsonAsync("/" + function, payload.ToJsonString());
        return (response.StatusCode, await response.JsonAsync());
    }

    /// <summary>The documented response payload: Outputs (object), Logs (array), ReturnValue (present).</summary>
    private static void ShouldBeResponsePayload(JsonNode response)
    {
        var documented = JsonNode.Parse(TestData.Read("response-payload.json"))!.AsObject().Select(p => p.Key);
        response.AsObject().Select(p => p.Key).ShouldBe(documented);
        response["Outputs"].ShouldBeOfType<JsonObject>();
        response["Logs"].ShouldBeOfType<JsonArray>();
    }
}
