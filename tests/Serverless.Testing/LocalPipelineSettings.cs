namespace Serverless.Testing;

/// <summary>
/// Settings for a function app that runs the document pipeline with every step on the inference app
/// (no cloud), with unique storage names so that runs share one Azurite without meeting.
/// </summary>
public static class LocalPipelineSettings
{
    public static Dictionary<string, string> Create(string storageConnectionString, Uri inferenceApp) => new()
    {
        ["AzureWebJobsStorage"] = storageConnectionString,
        ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = TestNames.Unique("hub"),
        ["App:IncomingContainer"] = TestNames.Unique("in"),
        ["App:UploadsContainer"] = TestNames.Unique("up"),
        ["App:BlobEventsQueue"] = TestNames.Unique("ev"),
        ["App:BlobReceiptsTable"] = TestNames.Unique("receipts"),
        ["App:ApiKeysTable"] = TestNames.Unique("keys"),
        ["App:ErpInboundQueue"] = TestNames.Unique("erpin"),
        ["App:ErpOutboundQueue"] = TestNames.Unique("erpout"),
        ["App:RejectionsTable"] = TestNames.Unique("rejections"),
        ["Erp:Outbound:CompletionsTable"] = TestNames.Unique("completions"),
        ["App:WatchInterval"] = "00:00:00.300",
        ["App:MaxPollingInterval"] = "00:00:00.300",
        ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionCount"] = "2",
        ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.300",
        ["App:Workflow"] = "DocumentPipeline",
        ["Pipeline:Providers:inference:Kind"] = "Inference",
        ["Pipeline:Providers:inference:Endpoint"] = inferenceApp.ToString(),
        ["Pipeline:Providers:inference:MaxConcurrency"] = "4",
        ["Pipeline:Steps:Ocr:Provider"] = "inference",
        ["Pipeline:Steps:Summarize:Provider"] = "inference",
        ["Pipeline:Steps:Classify:Provider"] = "inference",
        ["Pipeline:Steps:Embed:Provider"] = "inference",
        ["Pipeline:Steps:Embed:Model"] = "snowflake-arctic-embed-xs",
        ["Pipeline:Pricing:serverless-textrank-v1:InputPer1K"] = "0.001",
        ["Pipeline:ReviewConfidenceThreshold"] = "0",
        ["Pipeline:Storage:CacheContainer"] = TestNames.Unique("cache"),
        ["Pipeline:Storage:RegistryTable"] = TestNames.Unique("registry"),
        ["Pipeline:Storage:VectorTable"] = TestNames.Unique("vectors"),
        ["Pipeline:Storage:UsageTable"] = TestNames.Unique("usage"),
        ["Pipeline:Storage:ReviewExamplesTable"] = TestNames.Unique("reviewed"),
        ["Pipeline:Workflow:ResultsContainer"] = TestNames.Unique("results"),
    };

    /// <summary>
    /// The pipeline's AI settings alone (for composing its services in a test or bench process): every step on the
    /// inference app at <paramref name="inferenceApp"/>, with the provider's text and OCR lanes as given.
    /// </summary>
    public static Dictionary<string, string?> InferenceProvider(Uri inferenceApp, int maxConcurrency, int maxOcrConcurrency) => new()
    {
        ["Pipeline:Providers:inference:Kind"] = "Inference",
        ["Pipeline:Providers:inference:Endpoint"] = inferenceApp.AbsoluteUri,
        ["Pipeline:Providers:inference:MaxConcurrency"] = $"{maxConcurrency}",
        ["Pipeline:Providers:inference:MaxOcrConcurrency"] = $"{maxOcrConcurrency}",
        ["Pipeline:Steps:Ocr:Provider"] = "inference",
        ["Pipeline:Steps:Summarize:Provider"] = "inference",
        ["Pipeline:Steps:Classify:Provider"] = "inference",
        ["Pipeline:Steps:Embed:Provider"] = "inference",
        ["Pipeline:Steps:Embed:Model"] = "serverless-lexical-v1",
        ["Pipeline:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
    };
}
