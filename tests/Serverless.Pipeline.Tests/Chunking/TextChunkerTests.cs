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
    public void Chunk_LabelLinesAndHeadings_StayInTheChunkOfTheirValue()
    {
        var filler = string.Join('\n', Enumerable.Range(0, 12).Select(i => $"Line {i} of the terms applies to every order."));
        var text = filler + "\nAmount due:\n1,250.00 EUR\nPayment terms\nThirty days net from the invoice date.\n" + filler;

        var chunks = new TextChunker(new PipelineLimits { ChunkTokens = 120, ChunkOverlapTokens = 20 }).Chunk([new ExtractedPage(1, text, PageSource.TextLayer)]);

        chunks.Count.ShouldBeGreaterThan(2);
        chunks.ShouldAllBe(c => !c.Text.EndsWith("Amount due:", StringComparison.Ordinal) && !c.Text.EndsWith("Payment terms", StringComparison.Ordinal));
        chunks.ShouldContain(c => c.Text.Contains("Amount due:\n1,250.00 EUR", StringComparison.Ordinal));
        chunks.ShouldContain(c => c.Text.Contains("Payment terms\nThirty days net", StringComparison.Ordinal));
        chunks.ShouldAllBe(c => c.Text.StartsWith("Line", StringComparison.Ordinal) || c.Text.StartsWith("Amount", StringComparison.Ordinal) || c.Text.StartsWith("Payment", StringComparison.Ordinal) || c.Text.StartsWith("1,250", StringComparison.Ordinal) || c.Text.StartsWith("Thirty", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Total due:", true)]
    [InlineData("PAYMENT TERMS", true)]
    [InlineData("Invoice number 4411", false)]
    [InlineData("The supplier delivers the goods within ten days of the order.", false)]
    public void IsLabelLine_HeadingsAndLabels(string line, bool expected) => TextChunker.IsLabelLine(line).ShouldBe(expected);

    [Fact]
    public void Chunk_OverChunkLimit_Rejected()
    {
        var limits = new PipelineLimits { ChunkTokens = 20, ChunkOverlapTokens = 0, MaxChunksPerDocument = 2 };

        var error = Should.Throw<DocumentRejectedException>(() => new TextChunker(limits).Chunk([new ExtractedPage(1, Words(1, 100), PageSource.TextLayer)]));

        error.Code.ShouldBe(ExtractionErrorCodes.TextTooLong);
    }
}
