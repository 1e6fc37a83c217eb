using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Tests.Support;
using Shouldly;

namespace Serverless.Pipeline.Tests.Ai;

/// <summary>
/// Summarise and classify routed to "azure" (Azure.AI.OpenAI's real client, marked cloud) with local fallbacks:
/// a confidential document never reaches the cloud endpoint, which records every call it gets.
/// </summary>
public sealed class ConfidentialRoutingTests : IAsyncLifetime
{
    private const string Text = "Confidential: INVOICE No. 9 for the merger project. Total due 10,000 GBP.";

    private ScriptedAiServer _local = null!;
    private ScriptedAiServer _cloud = null!;

    public async ValueTask InitializeAsync()
    {
        _local = await ScriptedAiServer.StartAsync();
        _cloud = await ScriptedAiServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _local.DisposeAsync();
        await _cloud.DisposeAsync();
    }

    private ServiceProvider Build(bool withLocalRoutes)
    {
        var settings = TestPipeline.Settings(_local, _cloud);
        foreach (var step in new[] { "Summarize", "Classify" })
        {
            settings[$"Pipeline:Steps:{step}:Provider"] = "azure";
            settings[$"Pipeline:Steps:{step}:Model"] = "gpt-4o-mini";
            if (withLocalRoutes)
            {
                settings[$"Pipeline:Steps:{step}:ConfidentialProvider"] = step == "Summarize" ? "inference" : "llm";
                settings[$"Pipeline:Steps:{step}:ConfidentialModel"] = "local-llm";
            }
        }

        return TestPipeline.Build(settings);
    }

    [Fact]
    public async Task Classify_NotConfidential_ServedByAzureOpenAIWithKeyAndPriced()
    {
        await using var services = Build(withLocalRoutes: true);

        var result = await services.GetRequiredService<AiStepFactory>().Classifier(confidential: false).ClassifyAsync(Text, TestContext.Current.CancellationToken);

        result.Route.ShouldBe(new ResolvedRoute(AiStep.Classify, "azure", ProviderKind.AzureOpenAI, "gpt-4o-mini", IsCloud: true));
        var call = _cloud.Calls.ShouldHaveSingleItem();
        call.Path.ShouldBe("/openai/deployments/gpt-4o-mini/chat/completions");
        call.Headers["api-key"].ShouldBe("cloud-test-key");
        result.Usage.Cost.ShouldBe((120 * 0.15m / 1000) + (30 * 0.60m / 1000));
        _local.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task SummarizeAndClassify_Confidential_CloudRecordsZeroCalls()
    {
        await using var services = Build(withLocalRoutes: true);
        var factory = services.GetRequiredService<AiStepFactory>();

        var summary = await factory.Summarizer(confidential: true).SummarizeAsync(Text, TestContext.Current.CancellationToken);
        var label = await factory.Classifier(confidential: true).ClassifyAsync(Text, TestContext.Current.CancellationToken);

        _cloud.Calls.ShouldBeEmpty();
        summary.Route.Provider.ShouldBe("inference");
        summary.Route.IsCloud.ShouldBeFalse();
        label.Route.Provider.ShouldBe("llm");
        label.Route.Model.ShouldBe("local-llm");
        _local.CallsTo("/v1/summarize").Count.ShouldBe(1);
        _local.CallsTo("/v1/chat/completions").Count.ShouldBe(1);
    }

    [Fact]
    public async Task Classify_ConfidentialWithoutLocalRoute_FailsWithoutCallingTheCloud()
    {
        await using var services = Build(withLocalRoutes: false);

        var error = Should.Throw<StepFailedException>(() => services.GetRequiredService<AiStepFactory>().Classifier(confidential: true));

        error.Code.ShouldBe(StepErrorCodes.ConfidentialRouting);
        error.IsTransient.ShouldBeFalse();
        _cloud.Calls.ShouldBeEmpty();
        await Task.CompletedTask;
    }

    [Fact]
    public void Build_ConfidentialProviderIsCloud_FailsAtStartNamingTheSetting()
    {
        var settings = TestPipeline.Settings(_local, _cloud);
        settings["Pipeline:Steps:Classify:ConfidentialProvider"] = "azure";

        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => TestPipeline.Build(settings));

        error.Message.ShouldContain("Pipeline:Steps:Classify:ConfidentialProvider must not be a cloud provider");
    }

    [Fact]
    public void Build_StepNamesUnknownProvider_FailsAtStartNamingTheSetting()
    {
        var settings = TestPipeline.Settings(_local);
        settings["Pipeline:Steps:Embed:Provider"] = "nowhere";

        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => TestPipeline.Build(settings));

        error.Message.ShouldContain("Pipeline:Steps:Embed:Provider names 'nowhere'");
    }
}
