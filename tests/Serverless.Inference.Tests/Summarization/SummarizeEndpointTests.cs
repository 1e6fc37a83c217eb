using System.Net;
using Serverless.Inference.Tests.Support;
using Shouldly;

namespace Serverless.Inference.Tests.Summarization;

[Trait("Category", "Integration")]
public sealed class SummarizeEndpointTests(SharedInferenceApp app)
{
    private const string Article =
        "The city council approved the new school budget on Monday. " +
        "The budget raises spending on schools by four percent. " +
        "Weather in the afternoon was mild. " +
        "Teachers said the school budget increase would pay for new books. " +
        "A local bakery opened a second shop. " +
        "Parents welcomed the budget, saying schools had waited years for the increase.";

    [Fact]
    public async Task Summarize_Budget_KeepsCentralSentencesInOrderWithinTokens()
    {
        using var client = app.CreateClient();

        using var response = await OcrClient.PostJsonAsync(client, "v1/summarize", new { text = Article, maxTokens = 40 });
        using var json = await OcrClient.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var root = json.RootElement;
        root.GetProperty("model").GetString().ShouldBe("serverless-textrank-v1");
        var sentences = root.GetProperty("sentences").EnumerateArray().ToList();
        sentences.Count.ShouldBeGreaterThan(0);
        var indexes = sentences.Select(s => s.GetProperty("index").GetInt32()).ToList();
        indexes.ShouldBe(indexes.Order().ToList());
        indexes.ShouldNotContain(2, "the weather sentence shares nothing with the rest");
        indexes.ShouldNotContain(4, "the bakery sentence shares nothing with the rest");
        root.GetProperty("summary").GetString().ShouldBe(string.Join(' ', sentences.Select(s => s.GetProperty("text").GetString())));
        var usage = root.GetProperty("usage");
        usage.GetProperty("completionTokens").GetInt32().ShouldBeLessThanOrEqualTo(40);
        usage.GetProperty("promptTokens").GetInt32().ShouldBeGreaterThan(50);
        usage.GetProperty("totalTokens").GetInt32().ShouldBe(usage.GetProperty("promptTokens").GetInt32() + usage.GetProperty("completionTokens").GetInt32());
    }

    [Theory]
    [InlineData("""{"text":"   "}""", 400)]
    [InlineData("""{"text":"One. Two.","maxTokens":0}""", 400)]
    [InlineData("""{"maxTokens":10}""", 400)]
    public async Task Summarize_InvalidRequest_IsProblem(string body, int status)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync(new Uri("v1/summarize", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
