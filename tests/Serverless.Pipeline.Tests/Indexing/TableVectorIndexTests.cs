using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Indexing;
using Serverless.Pipeline.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Pipeline.Tests.Indexing;

/// <summary>The embedded vector index on real Azurite tables: exact cosine top-k, tenant isolation, idempotent upsert, delete.</summary>
public sealed class TableVectorIndexTests(AzuriteFixture azurite) : PipelineTest(azurite.ConnectionString)
{
    private IVectorIndex Index => Services.GetRequiredService<IVectorIndex>();

    private static IndexedChunk Chunk(int index, string text, int page = 1) => new(index, page, page, text, ScriptedAiServer.HashedVector(text));

    [Fact]
    public async Task SearchAsync_ReturnsTopKByCosineWithDocumentAndPage()
    {
        var ct = TestContext.Current.CancellationToken;
        await Index.UpsertAsync("tenant-a", "doc-invoice", [Chunk(0, "invoice total due payment", 1), Chunk(1, "bank transfer sort code account", 2)], ct);
        await Index.UpsertAsync("tenant-a", "doc-contract", [Chunk(0, "agreement term renewal notice parties", 3)], ct);

        var hits = await Index.SearchAsync("tenant-a", ScriptedAiServer.HashedVector("invoice total due payment"), 2, ct);

        hits.Count.ShouldBe(2);
        hits[0].DocumentId.ShouldBe("doc-invoice");
        hits[0].ChunkIndex.ShouldBe(0);
        hits[0].Page.ShouldBe(1);
        hits[0].Text.ShouldBe("invoice total due payment");
        hits[0].Score.ShouldBe(1.0, 1e-6);
        hits[1].Score.ShouldBeLessThanOrEqualTo(hits[0].Score);
    }

    [Fact]
    public async Task SearchAsync_OtherTenantsChunks_NeverReturned()
    {
        var ct = TestContext.Current.CancellationToken;
        await Index.UpsertAsync("tenant-a", "doc-1", [Chunk(0, "alpha secret merger plan")], ct);
        await Index.UpsertAsync("tenant-b", "doc-2", [Chunk(0, "beta ordinary newsletter")], ct);

        var hits = await Index.SearchAsync("tenant-b", ScriptedAiServer.HashedVector("alpha secret merger plan"), 10, ct);

        hits.ShouldHaveSingleItem().DocumentId.ShouldBe("doc-2");
    }

    [Fact]
    public async Task UpsertAsync_TwiceThenShorter_IdempotentAndStaleChunksRemoved()
    {
        var ct = TestContext.Current.CancellationToken;
        IndexedChunk[] three = [Chunk(0, "one"), Chunk(1, "two"), Chunk(2, "three")];
        await Index.UpsertAsync("tenant-c", "doc", three, ct);
        await Index.UpsertAsync("tenant-c", "doc", three, ct);
        (await Index.SearchAsync("tenant-c", ScriptedAiServer.HashedVector("one"), 10, ct)).Count.ShouldBe(3);

        await Index.UpsertAsync("tenant-c", "doc", [Chunk(0, "one")], ct);

        (await Index.SearchAsync("tenant-c", ScriptedAiServer.HashedVector("one"), 10, ct)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task DeleteDocumentAsync_RemovesOnlyThatDocument()
    {
        var ct = TestContext.Current.CancellationToken;
        await Index.UpsertAsync("tenant-d", "doc-1", [Chunk(0, "keep me"), Chunk(1, "keep me too")], ct);
        await Index.UpsertAsync("tenant-d", "doc-10", [Chunk(0, "other document")], ct);

        var removed = await Index.DeleteDocumentAsync("tenant-d", "doc-1", ct);

        removed.ShouldBe(2);
        (await Index.SearchAsync("tenant-d", ScriptedAiServer.HashedVector("keep me"), 10, ct)).ShouldHaveSingleItem().DocumentId.ShouldBe("doc-10");
    }

    [Fact]
    public async Task UpsertAsync_HundredFiftyChunks_CrossesTheBatchLimit()
    {
        var ct = TestContext.Current.CancellationToken;
        var chunks = Enumerable.Range(0, 150).Select(i => Chunk(i, $"chunk {i} text")).ToList();

        await Index.UpsertAsync("tenant-e", "big", chunks, ct);

        (await Index.SearchAsync("tenant-e", ScriptedAiServer.HashedVector("chunk 149 text"), 200, ct)).Count.ShouldBe(150);
        (await Index.DeleteDocumentAsync("tenant-e", "big", ct)).ShouldBe(150);
    }
}
