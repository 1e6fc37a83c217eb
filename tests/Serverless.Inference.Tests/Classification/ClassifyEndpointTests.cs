using System.Net;
using Serverless.Inference.Tests.Support;
using Shouldly;

namespace Serverless.Inference.Tests.Classification;

[Trait("Category", "Integration")]
public sealed class ClassifyEndpointTests(SharedInferenceApp app)
{
    private static readonly object[] Taxonomy =
    [
        new { name = "invoice", description = "A bill requesting payment of an amount due, with totals, tax and a due date.", examples = new[] { "Invoice 4711: total 1,250 EUR, payable within 30 days." } },
        new { name = "contract", description = "An agreement between parties, with terms, obligations, duration and signatures." },
        new { name = "resume", description = "A curriculum vitae: a person's work experience, education and skills." },
    ];

    [Fact]
    public async Task Classify_LexicalModelRequested_ServedByTheLexicalClassifier()
    {
        using var client = app.CreateClient();

        using var response = await OcrClient.PostJsonAsync(client, "v1/classify", new { text = "Please pay the outstanding amount of 980 EUR by 31 March.", labels = Taxonomy, model = "serverless-lexical-classifier-v1" });
        using var json = await OcrClient.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        json.RootElement.GetProperty("model").GetString().ShouldBe("serverless-lexical-classifier-v1");
        json.RootElement.GetProperty("label").GetString().ShouldBe("invoice");
    }

    [Theory]
    [InlineData("Please pay the outstanding amount of 980 EUR. Payment is due by 31 March; VAT included in the total.", "invoice")]
    [InlineData("This agreement is entered into by the parties below. The term is two years; both parties sign and accept the obligations.", "contract")]
    [InlineData("Experienced software engineer. Education: MSc Computer Science. Skills: C#, SQL. Work experience at Contoso 2019-2024.", "resume")]
    public async Task Classify_TextOfAKnownKind_PicksItsLabelWithScoresSummingToOne(string text, string expected)
    {
        using var client = app.CreateClient();

        using var response = await OcrClient.PostJsonAsync(client, "v1/classify", new { text, labels = Taxonomy });
        using var json = await OcrClient.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var root = json.RootElement;
        root.GetProperty("label").GetString().ShouldBe(expected);
        root.GetProperty("model").GetString().ShouldBe("serverless-hybrid-classifier-v1");
        var scores = root.GetProperty("scores").EnumerateArray().ToList();
        scores.Select(s => s.GetProperty("label").GetString()).ShouldBe(["invoice", "contract", "resume"]);
        scores.Sum(s => s.GetProperty("score").GetDouble()).ShouldBe(1.0, 0.001);
        var confidence = root.GetProperty("confidence").GetDouble();
        confidence.ShouldBe(scores.Max(s => s.GetProperty("score").GetDouble()));
        confidence.ShouldBeGreaterThan(1.0 / 3);
        root.GetProperty("rationale").GetString()!.ShouldContain(expected);
        root.GetProperty("usage").GetProperty("promptTokens").GetInt32().ShouldBeGreaterThan(20);
        root.GetProperty("usage").GetProperty("completionTokens").GetInt32().ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"text":"x","labels":[]}""")]
    [InlineData("""{"text":"x","labels":[{"name":""}]}""")]
    [InlineData("""{"text":"x","labels":[{"name":"a"},{"name":"a"}]}""")]
    [InlineData("""{"labels":[{"name":"a"}]}""")]
    public async Task Classify_InvalidRequest_Is400Problem(string body)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync(new Uri("v1/classify", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
