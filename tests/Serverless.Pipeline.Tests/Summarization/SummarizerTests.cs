using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Tests.Support;
using Shouldly;

namespace Serverless.Pipeline.Tests.Summarization;

public sealed class SummarizerTests : ScriptedServerTest
{
    private const string Text = "The contractor cleans the offices five days a week. The fee is 1,200 GBP per month. The term is twelve months.";


    [Fact]
    public async Task ChatSummarizer_ValidJson_SummaryAndMaxTokens()
    {
        await using var services = TestPipeline.Build(TestPipeline.Settings(Server));
        Server.Enqueue(ScriptedReply.Chat("""{"summary":"A twelve-month office cleaning contract at 1,200 GBP a month."}"""));

        var result = await services.GetRequiredService<AiStepFactory>().Summarizer(confidential: false).SummarizeAsync(Text, TestContext.Current.CancellationToken);

        result.Summary.ShouldStartWith("A twelve-month office cleaning contract");
        result.Route.Provider.ShouldBe("llm");
        var body = JsonNode.Parse(Server.CallsTo("/chat/completions").ShouldHaveSingleItem().Body)!;
        (body["max_completion_tokens"] ?? body["max_tokens"]).ShouldNotBeNull().GetValue<int>().ShouldBe(400);
    }

    [Fact]
    public async Task ChatSummarizer_EmptySummaryThreeTimes_Fails()
    {
        await using var services = TestPipeline.Build(TestPipeline.Settings(Server));
        Server.DefaultSummaryContent = """{"summary":"  "}""";

        var error = await Should.ThrowAsync<StepFailedException>(() =>
            services.GetRequiredService<AiStepFactory>().Summarizer(confidential: false).SummarizeAsync(Text, TestContext.Current.CancellationToken));

        error.Code.ShouldBe(StepErrorCodes.ModelOutputInvalid);
    }

    [Fact]
    public async Task InferenceSummarizer_ContractB_SummaryModelAndUsage()
    {
        var settings = TestPipeline.Settings(Server);
        settings["Pipeline:Steps:Summarize:Provider"] = "inference";
        await using var services = TestPipeline.Build(settings);

        var result = await services.GetRequiredService<AiStepFactory>().Summarizer(confidential: false).SummarizeAsync(Text, TestContext.Current.CancellationToken);

        result.Summary.ShouldBe("The contractor cleans the offices five days a week.");
        result.Route.Model.ShouldBe("serverless-textrank-v1");
        result.Usage.InputTokens.ShouldBeGreaterThan(0);
        var body = JsonNode.Parse(Server.CallsTo("/v1/summarize").ShouldHaveSingleItem().Body)!;
        body["maxTokens"]!.GetValue<int>().ShouldBe(400);
    }

    [Fact]
    public async Task InferenceClassifier_ContractB_SendsTaxonomyAndValidatesLabel()
    {
        var settings = TestPipeline.Settings(Server);
        settings["Pipeline:Steps:Classify:Provider"] = "inference";
        await using var services = TestPipeline.Build(settings);

        var result = await services.GetRequiredService<AiStepFactory>().Classifier(confidential: false)
            .ClassifyAsync("This contract is a contract between two parties.", TestContext.Current.CancellationToken);

        result.Label.ShouldBe("contract");
        result.Confidence.ShouldBe(0.83);
        result.Route.Model.ShouldBe("serverless-lexical-classifier-v1");
        var labels = JsonNode.Parse(Server.CallsTo("/v1/classify").ShouldHaveSingleItem().Body)!["labels"]!.AsArray();
        labels.Count.ShouldBe(7);
        labels[0]!["description"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }
}
