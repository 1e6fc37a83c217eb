using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Indexing;
using Serverless.Pipeline.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Pipeline.Tests.Indexing;

/// <summary>The embedded hybrid index on real Azurite tables: cosine + BM25 fused, tenant isolation, idempotent upsert, delete, one load per version.</summary>
public sealed class TableVectorIndexTests(AzuriteFixture azurite) : PipelineTest(azurite.ConnectionString)
{
    private IVectorIndex Index => Services.GetRequiredService<IVectorIndex>();

    private static IndexedChunk Chunk(int index, string text, int page = 1, string? name = null) => new(index, page, page, text, ScriptedAiServer.HashedVector(text), name);

    private static Task<IReadOnlyList<SearchHit>> SearchAsync(IVectorIndex index, string tenant, string query, int k) =>
        index.SearchAsync(tenant, query, ScriptedAiServer.HashedVector(query), k, TestContext.Current.CancellationToken);

    [Fact]
    public async Task SearchAsync_ReturnsTopKWithDocumentNamePageAndText()
    {
        var ct = TestContext.Current.CancellationToken;
        await Index.UpsertAsync("tenant-a", "doc-invoice", [Chunk(0, "invoice total due payment", 1, "invoice.pdf"), Chunk(1, "bank transfer sort code account", 2, "invoice.pdf")], ct);
        await Index.UpsertAsync("tenant-a", "doc-contract", [Chunk(0, "agreement term renewal notice parties", 3, "contract.docx")], ct);

        var hits = await SearchAsync(Index, "tenant-a", "invoice total due payment", 2);

        hits.Count.ShouldBe(2);
        hits[0].DocumentId.ShouldBe("doc-invoice");
        hits[0].DocumentName.ShouldBe("invoice.pdf");
        hits[0].ChunkIndex.ShouldBe(0);
        hits[0].Page.ShouldBe(1);
        hits[0].Text.ShouldBe("invoice total due payment");
        hits[0].Score.ShouldBe(2.0 / (HybridRanking.K + 1), 1e-9, "first in both rankings");
        hits[1].Score.ShouldBeLessThan(hits[0].Score);
    }

    [Fact]
    public async Task SearchAsync_RareTermTheVectorMisses_FoundByTheLexicalHalf()
    {
        var ct = TestContext.Current.CancellationToken;
        var chunks = Enumerable.Range(0, 80).Select(i => Chunk(i, $"routine delivery note {i} for pallets and boxes")).ToList();
        chunks.Add(Chunk(80, "replacement part ZX-4411 for the conveyor gearbox"));
        await Index.UpsertAsync("tenant-r", "doc", chunks, ct);

        // The vector of an unrelated text: only the BM25 ranking knows the part number.
        var hits = await Index.SearchAsync("tenant-r", "gearbox ZX-4411", ScriptedAiServer.HashedVector("routine delivery note 3 for pallets and boxes"), 3, ct);

        hits.ShouldContain(h => h.ChunkIndex == 80);
    }

    [Fact]
    public async Task SearchAsync_RepeatedQueries_LoadThePartitionOnce_AnotherInstancesWriteIsSeen()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HybridSearchOptions>>();
        using var first = new TableVectorIndex(Services.GetRequiredService<PipelineStorage>(), options);
        using var second = new TableVectorIndex(Services.GetRequiredService<PipelineStorage>(), options);
        await first.UpsertAsync("tenant-v", "doc-1", [Chunk(0, "quarterly revenue report")], ct);

        for (var i = 0; i < 5; i++)
        {
            (await SearchAsync(first, "tenant-v", "revenue", 5)).ShouldHaveSingleItem();
        }

        first.Loads.ShouldBe(1);
        await first.UpsertAsync("tenant-v", "doc-2", [Chunk(0, "revenue forecast for next year")], ct);
        (await SearchAsync(first, "tenant-v", "revenue", 5)).Count.ShouldBe(2);
        first.Loads.ShouldBe(1, "its own write is applied in memory");

        await second.UpsertAsync("tenant-v", "doc-3", [Chunk(0, "revenue by region")], ct);
        await second.DeleteDocumentAsync("tenant-v", "doc-1", ct);

        var hits = await SearchAsync(first, "tenant-v", "revenue", 5);
        hits.Select(h => h.DocumentId).Order().ShouldBe(["doc-2", "doc-3"]);
        first.Loads.ShouldBe(2, "the version row told it another instance wrote");
    }

    [Fact]
    public async Task SearchAsync_OtherTenantsChunks_NeverReturned()
    {
        var ct = TestContext.Current.CancellationToken;
        await Index.UpsertAsync("tenant-a", "doc-1", [Chunk(0, "alpha secret merger plan")], ct);
        await Index.UpsertAsync("tenant-b", "doc-2", [Chunk(0, "beta ordinary newsletter")], ct);

        var hits = await SearchAsync(Index, "tenant-b", "alpha secret merger plan", 10);

        hits.ShouldHaveSingleItem().DocumentId.ShouldBe("doc-2");
    }

    [Fact]
    public async Task UpsertAsync_TwiceThenShorter_IdempotentAndStaleChunksRemoved()
    {
        var ct = TestContext.Current.CancellationToken;
        IndexedChunk[] three = [Chunk(0, "one"), Chunk(1, "two"), Chunk(2, "three")];
        await Index.UpsertAsync("tenant-c", "doc", three, ct);
        await Index.UpsertAsync("tenant-c", "doc", three, ct);
        (await SearchAsync(Index, "tenant-c", "one", 10)).Count.ShouldBe(3);

        await Index.UpsertAsync("tenant-c", "doc", [Chunk(0, "one")], ct);

        (await SearchAsync(Index, "tenant-c", "one", 10)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task DeleteDocumentAsync_RemovesOnlyThatDocument()
    {
        var ct = TestContext.Current.CancellationToken;
        await Index.UpsertAsync("tenant-d", "doc-1", [Chunk(0, "keep me"), Chunk(1, "keep me too")], ct);
        await Index.UpsertAsync("tenant-d", "doc-10", [Chunk(0, "other document")], ct);

        var removed = await Index.DeleteDocumentAsync("tenant-d", "doc-1", ct);

        removed.ShouldBe(2);
        (await SearchAsync(Index, "tenant-d", "keep me", 10)).ShouldHaveSingleItem().DocumentId.ShouldBe("doc-10");
    }

    [Fact]
    public async Task UpsertAsync_HundredFiftyChunks_CrossesTheBatchLimit()
    {
        var ct = TestContext.Current.CancellationToken;
        var chunks = Enumerable.Range(0, 150).Select(i => Chunk(i, $"chunk {i} text")).ToList();

        await Index.UpsertAsync("tenant-e", "big", chunks, ct);

        (await SearchAsync(Index, "tenant-e", "chunk 149 text", 200)).Count.ShouldBe(150);
        (await Index.DeleteDocumentAsync("tenant-e", "big", ct)).ShouldBe(150);
    }
}
