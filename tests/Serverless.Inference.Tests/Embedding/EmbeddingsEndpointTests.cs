using System.ClientModel;
using Azure.AI.OpenAI;
using System.Net;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;
using OpenAI;
using OpenAI.Embeddings;
using Serverless.Inference.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Inference.Tests.Embedding;

[Trait("Category", "Integration")]
public sealed class EmbeddingsEndpointTests(SharedInferenceApp app)
{
    private const string Model = "snowflake-arctic-embed-xs";

    [Fact]
    public async Task GenerateEmbeddings_OpenAIClient_GetsNormalisedVectorsAndCl100kUsage()
    {
        var client = OpenAIClient();
        string[] inputs = ["The invoice total is due in March.", "Invoices are due at the end of March.", "The printer on floor two is out of toner."];

        var result = (await client.GenerateEmbeddingsAsync(inputs, cancellationToken: TestContext.Current.CancellationToken)).Value;

        result.Model.ShouldBe(Model);
        result.Count.ShouldBe(3);
        result.Select(e => e.Index).ShouldBe([0, 1, 2]);
        var vectors = result.Select(e => e.ToFloats().ToArray()).ToList();
        vectors.ShouldAllBe(v => v.Length == 384);
        vectors.ShouldAllBe(v => Math.Abs(TensorPrimitives.Norm(v) - 1f) < 1e-4f);
        var related = TensorPrimitives.CosineSimilarity(vectors[0], vectors[1]);
        var unrelated = TensorPrimitives.CosineSimilarity(vectors[0], vectors[2]);
        related.ShouldBeGreaterThan(unrelated + 0.1f);
        var tokenizer = TiktokenTokenizer.CreateForEncoding("cl100k_base");
        result.Usage.InputTokenCount.ShouldBe(inputs.Sum(i => tokenizer.CountTokens(i)));
        result.Usage.TotalTokenCount.ShouldBe(result.Usage.InputTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_MicrosoftExtensionsAI_QueryInputTypeRanksTheParaphraseAboveSharedWords()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = OpenAIClient().AsIEmbeddingGenerator();
        string[] passages = ["Amount due to the vendor: 1,250.00 EUR, payable within 30 days.", "We owe our success to the supplier of good ideas: our staff."];
        var queryOptions = new Microsoft.Extensions.AI.EmbeddingGenerationOptions { RawRepresentationFactory = _ => QueryOptions() };

        var query = await generator.GenerateAsync(["How much money do we still have to pay the supplier?"], queryOptions, TestContext.Current.CancellationToken);
        var embeddings = await generator.GenerateAsync(passages, cancellationToken: TestContext.Current.CancellationToken);

        embeddings.Count.ShouldBe(2);
        embeddings.ShouldAllBe(e => e.Vector.Length == 384);
        TensorPrimitives.CosineSimilarity(query[0].Vector.Span, embeddings[0].Vector.Span)
            .ShouldBeGreaterThan(TensorPrimitives.CosineSimilarity(query[0].Vector.Span, embeddings[1].Vector.Span));
        var tokenizer = TiktokenTokenizer.CreateForEncoding("cl100k_base");
        embeddings.Usage!.InputTokenCount.ShouldBe(passages.Sum(t => tokenizer.CountTokens(t)));
    }

    [Fact]
    public async Task Embeddings_InputTypeQuery_AddsTheQueryPrefix()
    {
        using var client = app.CreateClient();
        const string Question = "when does the lease end";

        var query = await VectorAsync(client, new { input = Question, model = Model, input_type = "query" });
        var passage = await VectorAsync(client, new { input = Question, model = Model, input_type = "passage" });
        var unset = await VectorAsync(client, new { input = Question, model = Model });
        var prefixed = await VectorAsync(client, new { input = "Represent this sentence for searching relevant passages: " + Question, model = Model });

        unset.ShouldBe(passage);
        query.ShouldBe(prefixed);
        query.ShouldNotBe(passage);
    }

    [Fact]
    public async Task Embeddings_SameText_SameVectorAcrossProcessesBatchesAndOtherTenantsTexts()
    {
        const string Text = "Tenancy agreement: the tenant pays 950 GBP per month; the lease ends on 31 May 2027.";
        using var client = app.CreateClient();
        var first = await RawVectorAsync(client, new { input = Text, model = Model, encoding_format = "base64" });

        string[] others = [.. Enumerable.Range(0, 40).Select(i => $"Another tenant's confidential memo {i}: merger with company {i * 7} closes in week {i % 52}.")];
        using (var response = await OcrClient.PostJsonAsync(client, "v1/embeddings", new { input = others, model = Model }))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var afterOthers = await RawVectorAsync(client, new { input = Text, model = Model, encoding_format = "base64" });
        var inBatch = await RawVectorAsync(client, new { input = new[] { others[0], Text, others[1] + " " + others[2] }, model = Model, encoding_format = "base64" }, index: 1);
        await using var second = await InferenceAppFixture.StartAsync(new Dictionary<string, string?> { ["Inference:Ocr:PaddleEnabled"] = "false" });
        using var secondClient = second.CreateClient();
        var otherProcess = await RawVectorAsync(secondClient, new { input = Text, model = Model, encoding_format = "base64" });

        afterOthers.ShouldBe(first);
        inBatch.ShouldBe(first);
        otherProcess.ShouldBe(first);
    }

    [Fact]
    public async Task Embeddings_ShortenedDimensions_Is400()
    {
        using var client = app.CreateClient();

        using var response = await OcrClient.PostJsonAsync(client, "v1/embeddings", new { input = "x", model = Model, dimensions = 256 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("invalid-dimensions");
    }

    [Fact]
    public async Task GenerateEmbeddings_AzureOpenAIClient_WorksOnTheDeploymentRoute()
    {
        var azure = new AzureOpenAIClient(app.BaseAddress, new ApiKeyCredential(SharedInferenceApp.Key));

        var result = (await azure.GetEmbeddingClient("any-deployment").GenerateEmbeddingAsync("invoice due in March", cancellationToken: TestContext.Current.CancellationToken)).Value;

        result.ToFloats().Length.ShouldBe(384);
        TensorPrimitives.Norm(result.ToFloats().Span).ShouldBe(1f, 1e-4f);
    }

    [Fact]
    public async Task Embeddings_FloatFormatAndSingleStringInput_FollowOpenAIShape()
    {
        using var client = app.CreateClient();

        using var response = await OcrClient.PostJsonAsync(client, "v1/embeddings", new { input = "hello world", model = Model, encoding_format = "float" });
        using var json = await OcrClient.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var root = json.RootElement;
        root.GetProperty("object").GetString().ShouldBe("list");
        root.GetProperty("data")[0].GetProperty("object").GetString().ShouldBe("embedding");
        root.GetProperty("data")[0].GetProperty("embedding").GetArrayLength().ShouldBe(384);
        root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32().ShouldBe(2);
        root.GetProperty("usage").GetProperty("total_tokens").GetInt32().ShouldBe(2);
    }

    [Theory]
    [InlineData("""{"input":""}""")]
    [InlineData("""{"input":[1,2,3]}""")]
    [InlineData("""{"input":"x","encoding_format":"int8"}""")]
    [InlineData("""{"input":"x","dimensions":0}""")]
    [InlineData("""{"model":"m"}""")]
    [InlineData("""{"input":"x","input_type":"document"}""")]
    public async Task Embeddings_InvalidRequest_Is400Problem(string body)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync(new Uri("v1/embeddings", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private static async Task<float[]> VectorAsync(HttpClient client, object body)
    {
        using var response = await OcrClient.PostJsonAsync(client, "v1/embeddings", body);
        using var json = await OcrClient.JsonAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return [.. json.RootElement.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle())];
    }

    /// <summary>The base64 float32 bytes as sent: equal strings are bit-identical vectors.</summary>
    private static async Task<string> RawVectorAsync(HttpClient client, object body, int index = 0)
    {
        using var response = await OcrClient.PostJsonAsync(client, "v1/embeddings", body);
        using var json = await OcrClient.JsonAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return json.RootElement.GetProperty("data")[index].GetProperty("embedding").GetString()!;
    }

    private static OpenAI.Embeddings.EmbeddingGenerationOptions QueryOptions()
    {
        var options = new OpenAI.Embeddings.EmbeddingGenerationOptions();
#pragma warning disable SCME0001 // experimental JsonPatch: how OpenAI 2.x sends a field its model does not declare
        options.Patch.Set("$.input_type"u8, "query");
#pragma warning restore SCME0001
        return options;
    }

    private EmbeddingClient OpenAIClient() =>
        new(Model, new ApiKeyCredential(SharedInferenceApp.Key), new OpenAIClientOptions { Endpoint = new Uri(app.BaseAddress, "v1") });
}
