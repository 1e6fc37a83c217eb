using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Testing;

namespace Serverless.Pipeline.Tests.Support;

/// <summary>
/// The real composition (<see cref="PipelineServiceCollectionExtensions.AddDocumentPipeline"/>) over in-memory
/// configuration: "inference" is the inference app (a local provider), "llm" an OpenAI-compatible self-hosted
/// model, and "azure" an Azure OpenAI resource marked cloud, each pointing at a scripted server.
/// </summary>
public static class TestPipeline
{
    public static Dictionary<string, string?> Settings(ScriptedAiServer local, ScriptedAiServer? cloud = null, string? storage = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Pipeline:Providers:inference:Kind"] = "Inference",
            ["Pipeline:Providers:inference:Endpoint"] = local.BaseAddress.AbsoluteUri,
            ["Pipeline:Providers:inference:MaxConcurrency"] = "4",
            ["Pipeline:Providers:llm:Kind"] = "OpenAI",
            ["Pipeline:Providers:llm:Endpoint"] = local.BaseAddress.AbsoluteUri + "v1",
            ["Pipeline:Providers:llm:MaxConcurrency"] = "4",
            ["Pipeline:Steps:Ocr:Provider"] = "inference",
            ["Pipeline:Steps:Summarize:Provider"] = "llm",
            ["Pipeline:Steps:Summarize:Model"] = "local-llm",
            ["Pipeline:Steps:Classify:Provider"] = "llm",
            ["Pipeline:Steps:Classify:Model"] = "local-llm",
            ["Pipeline:Steps:Embed:Provider"] = "inference",
            ["Pipeline:Steps:Embed:Model"] = "snowflake-arctic-embed-xs",
            ["Pipeline:Pricing:gpt-4o-mini:InputPer1K"] = "0.15",
            ["Pipeline:Pricing:gpt-4o-mini:OutputPer1K"] = "0.60",
            ["Pipeline:Resilience:BaseDelay"] = "00:00:00.020",
            ["Pipeline:Resilience:AttemptTimeout"] = "00:00:20",
            ["Pipeline:Resilience:TotalTimeout"] = "00:01:00",
            ["Pipeline:Storage:ConnectionString"] = storage ?? "UseDevelopmentStorage=true",
            ["Pipeline:Storage:CacheContainer"] = TestNames.Unique("cache"),
            ["Pipeline:Storage:RegistryTable"] = TestNames.Unique("registry"),
            ["Pipeline:Storage:VectorTable"] = TestNames.Unique("vectors"),
            ["Pipeline:Storage:UsageTable"] = TestNames.Unique("usage"),
        };

        if (cloud is not null)
        {
            settings["Pipeline:Providers:azure:Kind"] = "AzureOpenAI";
            settings["Pipeline:Providers:azure:Endpoint"] = cloud.BaseAddress.AbsoluteUri;
            settings["Pipeline:Providers:azure:ApiKey"] = "cloud-test-key";
            settings["Pipeline:Providers:azure:IsCloud"] = "true";
        }

        return settings;
    }

    public static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddDocumentPipeline(configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        provider.GetService<IStartupValidator>()?.Validate();
        return provider;
    }
}
