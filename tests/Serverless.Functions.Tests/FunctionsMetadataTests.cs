using System.Text.Json.Nodes;
using Serverless.App.Workflows;
using Serverless.Functions.Http;
using Serverless.Functions.Ingestion;
using Serverless.Functions.Workflows;
using Serverless.Pipeline.Workflow;

namespace Serverless.Functions.Tests;

/// <summary>The contract with the Functions host: the functions the build's <c>functions.metadata</c> declares, and their bindings.</summary>
public sealed class FunctionsMetadataTests
{
    /// <summary>Every function Azure must index, with its trigger as "type key=value …" (+ a durable client binding where the function starts or manages workflows).</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        [nameof(DocumentPipeline)] = "orchestrationTrigger",
        [nameof(StartDocumentActivity)] = "activityTrigger",
        [nameof(ExtractTextActivity)] = "activityTrigger",
        [nameof(ChunkTextActivity)] = "activityTrigger",
        [nameof(SummarizeActivity)] = "activityTrigger",
        [nameof(ClassifyActivity)] = "activityTrigger",
        [nameof(EmbedBatchActivity)] = "activityTrigger",
        [nameof(IndexChunksActivity)] = "activityTrigger",
        [nameof(PersistResultActivity)] = "activityTrigger",
        [nameof(ReleaseDocumentActivity)] = "activityTrigger",
        [nameof(RecordUsageActivity)] = "activityTrigger",
        [nameof(NotifyActivity)] = "activityTrigger",
        [nameof(DocumentStatsOrchestrator)] = "orchestrationTrigger",
        [nameof(CountBytesActivity)] = "activityTrigger",
        [nameof(CountLinesActivity)] = "activityTrigger",
        [nameof(IngestionFunctions.IncomingBlob)] = "blobTrigger path=incoming/{name} connection=AzureWebJobsStorage source=EventGrid +durableClient",
        [nameof(IngestionFunctions.ErpInbound)] = "queueTrigger queueName=erp-inbound connection=AzureWebJobsStorage +durableClient",
        [nameof(HousekeepingFunction.Housekeeping)] = "timerTrigger schedule=0 17 3 * * * +durableClient",
        [nameof(ApiFunctions.StartWorkflow)] = "httpTrigger post v1/workflows authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.ListWorkflows)] = "httpTrigger get v1/workflows authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.GetWorkflowStatus)] = "httpTrigger get v1/workflows/{instanceId} authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.RaiseWorkflowEvent)] = "httpTrigger post v1/workflows/{instanceId}/raiseEvent/{eventName} authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.TerminateWorkflow)] = "httpTrigger post v1/workflows/{instanceId}/terminate authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.SuspendWorkflow)] = "httpTrigger post v1/workflows/{instanceId}/suspend authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.ResumeWorkflow)] = "httpTrigger post v1/workflows/{instanceId}/resume authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.RestartWorkflow)] = "httpTrigger post v1/workflows/{instanceId}/restart authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.PurgeWorkflow)] = "httpTrigger delete v1/workflows/{instanceId} authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.CreateApiKey)] = "httpTrigger post v1/admin/api-keys authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.Search)] = "httpTrigger get v1/search authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.GetUsage)] = "httpTrigger get v1/usage authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.ListRejections)] = "httpTrigger get v1/rejections authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.ListDocuments)] = "httpTrigger get v1/documents authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.GetDocument)] = "httpTrigger get v1/documents/{instanceId} authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.GetDocumentText)] = "httpTrigger get v1/documents/{instanceId}/text authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.GetDocumentTrace)] = "httpTrigger get v1/documents/{instanceId}/trace authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.EstimateRetry)] = "httpTrigger post v1/documents/retry-estimate authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.RetryDocuments)] = "httpTrigger post v1/documents/retry authLevel=Anonymous +durableClient",
        [nameof(ApiFunctions.GetTaxonomy)] = "httpTrigger get v1/taxonomy authLevel=Anonymous",
        [nameof(ApiFunctions.Dashboard)] = "httpTrigger get dashboard authLevel=Anonymous",
        [nameof(ApiFunctions.DashboardAsset)] = "httpTrigger get dashboard/{*path} authLevel=Anonymous",
        [nameof(ApiFunctions.ErpInboundSchema)] = "httpTrigger get v1/schemas/erp-inbound authLevel=Anonymous",
        [nameof(ApiFunctions.Health)] = "httpTrigger get healthz authLevel=Anonymous",
        [nameof(ApiFunctions.OpenApiDocument)] = "httpTrigger get openapi/{documentName}.json authLevel=Anonymous",
    };

    [Fact]
    public void FunctionsMetadata_EveryFunction_HasTheExpectedTriggerAndBindings()
    {
        var actual = FunctionsBuildOutput.Functions().ToDictionary(f => f.Key, f => Describe(f.Value), StringComparer.Ordinal);

        actual.Keys.Order(StringComparer.Ordinal).ShouldBe(Expected.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, description) in Expected)
        {
            actual[name].ShouldBe(description, $"function {name}");
        }
    }

    [Fact]
    public void FunctionsMetadata_HttpFunctions_ReturnTheirResponseThroughAnHttpOutputBinding()
    {
        var http = FunctionsBuildOutput.Functions().Values.Where(f => FunctionsBuildOutput.Trigger(f)["type"]!.ToString() == "httpTrigger").ToList();

        http.ShouldNotBeEmpty();
        http.ShouldAllBe(f => f["bindings"]!.AsArray().Any(b => (string)b!["type"]! == "http" && (string)b["direction"]! == "Out"));
    }

    [Fact]
    public void FunctionsMetadata_EveryFunction_RunsInTheIsolatedWorkerAssembly()
    {
        FunctionsBuildOutput.Functions().Values.ShouldAllBe(f =>
            (string)f["language"]! == "dotnet-isolated" && (string)f["scriptFile"]! == "Serverless.Functions.dll");
    }

    [Fact]
    public void ExtensionsJson_Extensions_IncludeDurableTaskBlobsAndQueues()
    {
        var path = Path.Combine(FunctionsBuildOutput.Directory, "extensions.json");
        var extensions = JsonNode.Parse(File.ReadAllText(path))!["extensions"]!.AsArray().Select(e => e!.AsObject()).ToList();

        var names = extensions.Select(e => (string)e["name"]!).ToList();
        names.ShouldContain("DurableTask");
        names.ShouldContain("AzureStorageBlobs");
        names.ShouldContain("AzureStorageQueues");
        foreach (var extension in extensions)
        {
            var hint = (string)extension["hintPath"]!;
            File.Exists(Path.Combine(FunctionsBuildOutput.Directory, hint)).ShouldBeTrue($"{hint} is not in the build output");
        }
    }

    private static string Describe(JsonObject function)
    {
        var trigger = FunctionsBuildOutput.Trigger(function);
        var type = (string)trigger["type"]!;
        var parts = new List<string> { type };
        switch (type)
        {
            case "httpTrigger":
                parts.Add(string.Join(',', trigger["methods"]!.AsArray().Select(m => (string)m!)));
                parts.Add((string)trigger["route"]!);
                parts.Add($"authLevel={trigger["authLevel"]}");
                break;
            case "blobTrigger":
                parts.Add($"path={trigger["path"]} connection={trigger["connection"]} source={trigger["source"]}");
                break;
            case "queueTrigger":
                parts.Add($"queueName={trigger["queueName"]} connection={trigger["connection"]}");
                break;
            case "timerTrigger":
                parts.Add($"schedule={trigger["schedule"]}");
                break;
        }

        if (FunctionsBuildOutput.BindingTypes(function).Contains("durableClient"))
        {
            parts.Add("+durableClient");
        }

        return string.Join(' ', parts);
    }
}
