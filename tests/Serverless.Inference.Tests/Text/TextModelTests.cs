using Microsoft.Extensions.Options;
using Serverless.Inference.Embedding;
using Serverless.Inference.Text;
using Shouldly;

namespace Serverless.Inference.Tests.Text;

public sealed class TextModelTests
{
    [Fact]
    public void Sentences_AbbreviationsAndDecimals_DoNotEndASentence()
    {
        var sentences = TextSplitter.Sentences("Dr. Smith paid 12.50 EUR on Monday. The invoice was closed!\n\nNew paragraph without a stop");

        sentences.ShouldBe(["Dr. Smith paid 12.50 EUR on Monday.", "The invoice was closed!", "New paragraph without a stop"]);
    }

    [Fact]
    public void Embed_SameTextTwiceWithoutIdf_IsIdentical_AndSpellingVariantsStayClose()
    {
        var embedder = new LexicalEmbedder(Options.Create(new EmbeddingOptions { LearnIdf = false }));

        var a = embedder.Embed("payment of the invoice", 1024);
        var b = embedder.Embed("payment of the invoice", 1024);
        var variant = embedder.Embed("payments of invoices", 1024);
        var other = embedder.Embed("weather forecast for tomorrow", 1024);

        a.ShouldBe(b);
        Cosine(a, variant).ShouldBeGreaterThan(0.25, "shared character n-grams of payment(s) and invoice(s)");
        Cosine(a, other).ShouldBeLessThan(0.1);
    }

    [Fact]
    public void Embed_LearnedIdf_WeighsRareWordsAboveCommonOnes()
    {
        var embedder = new LexicalEmbedder(Options.Create(new EmbeddingOptions { LearnIdf = true, MinDocumentsForIdf = 5 }));
        for (var i = 0; i < 30; i++)
        {
            embedder.Embed($"report number {i} about the quarterly report", 1024);
        }

        var query = embedder.Embed("report zebra", 1024);
        var sharesRare = embedder.Embed("zebra", 1024);
        var sharesCommon = embedder.Embed("report", 1024);

        Cosine(query, sharesRare).ShouldBeGreaterThan(Cosine(query, sharesCommon));
        embedder.DocumentsSeen.ShouldBe(33);
    }

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
