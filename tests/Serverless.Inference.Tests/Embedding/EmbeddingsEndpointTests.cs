using System.ClientModel;
using Azure.AI.OpenAI;
using System.Net;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;
using OpenAI;
using OpenAI.Embeddings;
using Serverless.Inference.Tests.Support;
using Shouldly;

namespace Serverless.Inference.Tests.Embedding;

[Trait("Category", "Integration")]
public sealed class EmbeddingsEndpointTests(SharedInferenceApp app)
{
    private const string Model = "serverless-lexical-v1";

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
        vectors.ShouldAllBe(v => v.Length == 1024);
        vectors.ShouldAllBe(v => Math.Abs(TensorPrimitives.Norm(v) - 1f) < 1e-4f);
        var related = TensorPrimitives.CosineSimilarity(vectors[0], vectors[1]);
        var unrelated = TensorPrimitives.CosineSimilarity(vectors[0], vectors[2]);
        related.ShouldBeGreaterThan(unrelated + 0.2f);
        var tokenizer = TiktokenTokenizer.CreateForEncoding("cl100k_base");
        result.Usage.InputTokenCount.ShouldBe(inputs.Sum(i => tokenizer.CountTokens(i)));
        result.Usage.TotalTokenCount.ShouldBe(result.Usage.InputTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_MicrosoftExtensionsAI_HonoursDimensions()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = OpenAIClient().AsIEmbeddingGenerator();

        var embeddings = await generator.GenerateAsync(["quarterly revenue report", "revenue report for the quarter"], new Microsoft.Extensions.AI.EmbeddingGenerationOptions { Dimensions = 256 }, TestContext.Current.CancellationToken);

        embeddings.Count.ShouldBe(2);
        embeddings.ShouldAllBe(e => e.Vector.Length == 256);
        TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[1].Vector.Span).ShouldBeGreaterThan(0.5f);
        var tokenizer = TiktokenTokenizer.CreateForEncoding("cl100k_base");
        embeddings.Usage!.InputTokenCount.ShouldBe(tokenizer.CountTokens("quarterly revenue report") + tokenizer.CountTokens("revenue report for the quarter"));
    }

    [Fact]
    public async Task GenerateEmbeddings_AzureOpenAIClient_WorksOnTheDeploymentRoute()
    {
        var azure = new AzureOpenAIClient(app.BaseAddress, new ApiKeyCredential(SharedInferenceApp.Key));

        var result = (await azure.GetEmbeddingClient("any-deployment").GenerateEmbeddingAsync("invoice due in March", cancellationToken: TestContext.Current.CancellationToken)).Value;

        result.ToFloats().Length.ShouldBe(1024);
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
        root.GetProperty("data")[0].GetProperty("embedding").GetArrayLength().ShouldBe(1024);
        root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32().ShouldBe(2);
        root.GetProperty("usage").GetProperty("total_tokens").GetInt32().ShouldBe(2);
    }

    [Theory]
    [InlineData("""{"input":""}""")]
    [InlineData("""{"input":[1,2,3]}""")]
    [InlineData("""{"input":"x","encoding_format":"int8"}""")]
    [InlineData("""{"input":"x","dimensions":0}""")]
    [InlineData("""{"model":"m"}""")]
    public async Task Embeddings_InvalidRequest_Is400Problem(string body)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync(new Uri("v1/embeddings", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private EmbeddingClient OpenAIClient() =>
        new(Model, new ApiKeyCredential(SharedInferenceApp.Key), new OpenAIClientOptions { Endpoint = new Uri(app.BaseAddress, "v1") });
}
