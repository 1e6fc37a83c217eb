using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Embedding;
using Serverless.Pipeline.Tests.Support;
using Shouldly;

namespace Serverless.Pipeline.Tests.Embedding;

/// <summary>IEmbeddingGenerator (Microsoft.Extensions.AI.OpenAI) against the inference app's OpenAI-compatible /v1/embeddings.</summary>
public sealed class DocumentEmbedderTests : ScriptedServerTest
{

    [Fact]
    public async Task EmbedAllAsync_SevenTextsInBatchesOfThree_ThreeCallsVectorsInOrder()
    {
        await using var services = TestPipeline.Build(TestPipeline.Settings(Server));
        var embedder = services.GetRequiredService<AiStepFactory>().Embedder(confidential: false);
        var texts = Enumerable.Range(0, 7).Select(i => $"chunk number {i} about invoices").ToList();

        var result = await embedder.EmbedAllAsync(texts, batchSize: 3, TestContext.Current.CancellationToken);

        result.Vectors.Count.ShouldBe(7);
        result.Vectors[4].ShouldBe(ScriptedAiServer.HashedVector(texts[4]));
        result.Route.Provider.ShouldBe("inference");
        result.Usage.InputTokens.ShouldBe(7 * 5);
        var calls = Server.CallsTo("/v1/embeddings");
        calls.Count.ShouldBe(3);
        JsonNode.Parse(calls[0].Body)!["model"]!.GetValue<string>().ShouldBe("snowflake-arctic-embed-xs");
    }

    [Fact]
    public async Task EmbedQueryAsync_InferenceProvider_SendsInputTypeQuery_PassagesSendNone()
    {
        await using var services = TestPipeline.Build(TestPipeline.Settings(Server));
        var embedder = services.GetRequiredService<AiStepFactory>().Embedder(confidential: false);

        await embedder.EmbedQueryAsync("when does the lease end", TestContext.Current.CancellationToken);
        await embedder.EmbedBatchAsync(["The lease ends on 31 May."], TestContext.Current.CancellationToken);

        var calls = Server.CallsTo("/v1/embeddings");
        calls.Count.ShouldBe(2);
        JsonNode.Parse(calls[0].Body)!["input_type"]!.GetValue<string>().ShouldBe("query");
        JsonNode.Parse(calls[0].Body)!["model"]!.GetValue<string>().ShouldBe("snowflake-arctic-embed-xs");
        JsonNode.Parse(calls[1].Body)!.AsObject().ContainsKey("input_type").ShouldBeFalse();
    }

    [Fact]
    public void Batches_SplitsInOrder()
    {
        var batches = DocumentEmbedder.Batches([1, 2, 3, 4, 5], 2);

        batches.Select(b => b.ToArray()).ShouldBe([[1, 2], [3, 4], [5]]);
    }
}
