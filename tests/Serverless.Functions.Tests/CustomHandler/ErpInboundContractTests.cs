using System.Net;
using System.Text.Json.Nodes;
using Serverless.Durable;
using Serverless.Functions.CustomHandler;
using Serverless.Functions.Tests.Api;
using Serverless.Functions.Workflows;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Functions.Tests.CustomHandler;

/// <summary>Functions mode, the ERP entry: the host's queue trigger payload carrying a CloudEvents 1.0 message, posted to /ErpInbound.</summary>
public sealed class ErpInboundContractTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> FunctionsMode = new() { ["mode"] = "functions" };

    [Fact]
    public async Task QueueTriggerPayload_CloudEvent_StartsTheWorkflowKeyedByTheEvent()
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), FunctionsMode);
        await Ingestion.BlobDropTests.UploadAsync(app, "acme/erp/po.txt", "erp\norder\n"u8.ToArray());
        const string message = """{"specversion":"1.0","type":"com.example.erp.document","source":"/erp/sap","id":"po-1","data":{"tenant":"acme","blobName":"erp/po.txt"}}""";

        var (status, response) = await InvokeAsync(app, message);
        var again = await InvokeAsync(app, message);

        status.ShouldBe(HttpStatusCode.OK, response.ToJsonString());
        var id = WorkflowIds.ForIdempotencyKey("acme", "erp|/erp/sap|po-1");
        ((string?)response["Logs"]![0]).ShouldBe($"started {id}");
        ((string?)again.Response["Logs"]![0]).ShouldBe($"started {id}");
        var instance = await app.Durable.GetInstanceAsync(id, getInputsAndOutputs: true, TestContext.Current.CancellationToken);
        instance.ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        instance.SerializedInput.ShouldNotBeNull().ShouldContain("\"correlationId\":\"po-1\"");
    }

    [Theory]
    [InlineData("not json at all", "not a CloudEvents 1.0 JSON event")]
    [InlineData("""{"specversion":"1.0","type":"t","source":"/s","id":"1","data":{"tenant":"acme","blobName":"../x.txt"}}""", "data.blobName")]
    [InlineData("""{"specversion":"1.0","type":"t","source":"/s","id":"1","data":{"blobName":"x.txt"}}""", "data.tenant")]
    public async Task QueueTriggerPayload_InvalidMessage_500WithTheReasonInLogs(string message, string reason)
    {
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), FunctionsMode);

        var (status, response) = await InvokeAsync(app, message);

        status.ShouldBe(HttpStatusCode.InternalServerError);
        response["Logs"]![0]!.ToString().ShouldContain(reason);
        response.ToJsonString().ShouldNotContain("   at ");
    }

    private static async Task<(HttpStatusCode Status, JsonNode Response)> InvokeAsync(FunctionsApp app, string message)
    {
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { [ErpInbound.TriggerName] = message },
            ["Metadata"] = new JsonObject { ["DequeueCount"] = 1 },
        };
        using var client = app.CreateClient();
        using var response = await client.PostJsonAsync("/" + nameof(ErpInbound), payload.ToJsonString());
        return (response.StatusCode, await response.JsonAsync());
    }
}
