using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Tests.Support;
using Shouldly;

namespace Serverless.Pipeline.Tests.Classification;

/// <summary>The prompt-based classifier with the real OpenAI client against the scripted OpenAI-compatible server.</summary>
public sealed class ChatClassifierTests : PipelineTest
{
    private const string Text = "INVOICE No. 2026-0415. Total due 396.60 GBP. Please pay within 30 days.";

    private IClassifier Classifier => Services.GetRequiredService<AiStepFactory>().Classifier(confidential: false);

    [Fact]
    public async Task ClassifyAsync_ValidAnswer_LabelConfidenceRationaleAndUsage()
    {
        var result = await Classifier.ClassifyAsync(Text, TestContext.Current.CancellationToken);

        result.Label.ShouldBe("invoice");
        result.Confidence.ShouldBe(0.91);
        result.Rationale.ShouldNotBeNullOrWhiteSpace();
        result.Route.Provider.ShouldBe("llm");
        result.Route.Model.ShouldBe("local-llm");
        result.Usage.InputTokens.ShouldBe(120);
        result.Usage.OutputTokens.ShouldBe(30);
        result.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task ClassifyAsync_Request_SetsMaxTokensSchemaAndFencesTheDocument()
    {
        await Classifier.ClassifyAsync(Text, TestContext.Current.CancellationToken);

        var body = JsonNode.Parse(Server.CallsTo("/v1/chat/completions").ShouldHaveSingleItem().Body)!;
        var maxTokens = body["max_completion_tokens"] ?? body["max_tokens"];
        maxTokens.ShouldNotBeNull().GetValue<int>().ShouldBe(300);
        body["model"]!.GetValue<string>().ShouldBe("local-llm");
        body["response_format"]!["type"]!.GetValue<string>().ShouldBe("json_schema");
        var labels = body["response_format"]!["json_schema"]!["schema"]!["properties"]!["label"]!["enum"]!.AsArray().Select(l => l!.GetValue<string>());
        labels.ShouldContain("contract");
        var messages = body["messages"]!.AsArray();
        messages[0]!["content"]!.ToString().ShouldContain("invoice: A bill that asks the customer to pay");
        messages[1]!["content"]!.ToString().ShouldContain("<<<DOCUMENT");
    }

    [Fact]
    public async Task ClassifyAsync_InvalidJsonThenValid_RetriesWithTheReason()
    {
        Server.Enqueue(ScriptedReply.Chat("Sure! It is an invoice."));

        var result = await Classifier.ClassifyAsync(Text, TestContext.Current.CancellationToken);

        result.Label.ShouldBe("invoice");
        result.Attempts.ShouldBe(2);
        result.Usage.InputTokens.ShouldBe(240);
        var second = JsonNode.Parse(Server.CallsTo("/chat/completions")[1].Body)!["messages"]!.AsArray();
        second.Last()!["content"]!.ToString().ShouldContain("not valid JSON");
    }

    [Theory]
    [InlineData("""{"label":"poem","confidence":0.9,"rationale":"rhymes"}""")]
    [InlineData("""{"label":"invoice","confidence":1.7,"rationale":"sure"}""")]
    [InlineData("""{"label":"invoice","confidence":0.8}""")]
    [InlineData("""{"label":"invoice","confidence":"high","rationale":"x"}""")]
    [InlineData("""[{"label":"invoice"}]""")]
    public async Task ClassifyAsync_AlwaysInvalid_FailsClearlyAfterThreeAnswers(string answer)
    {
        Server.DefaultChatContent = answer;

        var error = await Should.ThrowAsync<StepFailedException>(() => Classifier.ClassifyAsync(Text, TestContext.Current.CancellationToken));

        error.Code.ShouldBe(StepErrorCodes.ModelOutputInvalid);
        error.IsTransient.ShouldBeFalse();
        error.Message.ShouldContain("invalid 3 times");
        Server.CallsTo("/chat/completions").Count.ShouldBe(3);
    }

    [Fact]
    public async Task ClassifyAsync_AnswerInCodeFenceWithOtherCase_Normalised()
    {
        Server.Enqueue(ScriptedReply.Chat("```json\n{\"label\":\"Contract\",\"confidence\":0.55,\"rationale\":\"Names two parties and a term.\"}\n```"));

        var result = await Classifier.ClassifyAsync(Text, TestContext.Current.CancellationToken);

        result.Label.ShouldBe("contract");
        result.Confidence.ShouldBe(0.55);
    }

    [Fact]
    public async Task ClassifyAsync_ProviderRejects400_FatalWithoutRetry()
    {
        Server.Rule = _ => new ScriptedReply(400);

        var error = await Should.ThrowAsync<StepFailedException>(() => Classifier.ClassifyAsync(Text, TestContext.Current.CancellationToken));

        error.Code.ShouldBe(StepErrorCodes.ProviderRejected);
        error.IsTransient.ShouldBeFalse();
        Server.Calls.Count.ShouldBe(1);
    }
}
