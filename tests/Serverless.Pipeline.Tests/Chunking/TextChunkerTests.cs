using Serverless.Pipeline.Chunking;
using Serverless.Pipeline.Extraction;
using Shouldly;

namespace Serverless.Pipeline.Tests.Chunking;

public sealed class TextChunkerTests
{
    private static readonly PipelineLimits Limits = new() { ChunkTokens = 50, ChunkOverlapTokens = 10 };

    private static string Words(int page, int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"p{page}w{i}"));

    [Fact]
    public void Chunk_ShortText_OneChunkOnItsPage()
    {
        var chunks = new TextChunker(Limits).Chunk([new ExtractedPage(3, "A short invoice.", PageSource.TextLayer)]);

        var chunk = chunks.ShouldHaveSingleItem();
        chunk.Text.ShouldBe("A short invoice.");
        chunk.FirstPage.ShouldBe(3);
        chunk.LastPage.ShouldBe(3);
        chunk.TokenCount.ShouldBe(TextChunker.Tokenizer.CountTokens("A short invoice."));
    }

    [Fact]
    public void Chunk_LongTextOverPages_TokenBoundedOverlappingAndPageAware()
    {
        ExtractedPage[] pages = [new(1, Words(1, 60), PageSource.TextLayer), new(2, "", PageSource.Ocr), new(3, Words(3, 60), PageSource.Ocr)];

        var chunks = new TextChunker(Limits).Chunk(pages);

        chunks.Count.ShouldBeGreaterThan(2);
        chunks.Select(c => c.Index).ShouldBe(Enumerable.Range(0, chunks.Count));
        chunks.ShouldAllBe(c => c.TokenCount <= 50);
        chunks[0].FirstPage.ShouldBe(1);
        chunks[^1].LastPage.ShouldBe(3);
        chunks.ShouldContain(c => c.FirstPage == 1 && c.LastPage == 3);
        chunks.ShouldAllBe(c => c.FirstPage != 2 && c.LastPage != 2);
        for (var i = 1; i < chunks.Count; i++)
        {
            var tail = chunks[i - 1].Text.Split(' ', '\n').Last();
            chunks[i].Text.ShouldContain(tail);
        }

        var all = string.Join(' ', chunks.Select(c => c.Text));
        all.ShouldContain("p1w0");
        all.ShouldContain("p3w59");
    }

    [Fact]
    public void Chunk_OverChunkLimit_Rejected()
    {
        var limits = new PipelineLimits { ChunkTokens = 20, ChunkOverlapTokens = 0, MaxChunksPerDocument = 2 };

        var error = Should.Throw<DocumentRejectedException>(() => new TextChunker(limits).Chunk([new ExtractedPage(1, Words(1, 100), PageSource.TextLayer)]));

        error.Code.ShouldBe(ExtractionErrorCodes.TextTooLong);
    }
}
