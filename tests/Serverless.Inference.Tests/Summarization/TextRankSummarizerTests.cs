using Serverless.Inference.Summarization;
using Serverless.Inference.Text;
using Shouldly;

namespace Serverless.Inference.Tests.Summarization;

public sealed class TextRankSummarizerTests
{
    private static readonly TokenCounter Tokens = new();

    private static readonly string[] Facts =
    [
        "The supplier delivered forty copper valves to the harbour warehouse on Tuesday.",
        "The warehouse manager signed the delivery note for the copper valves.",
        "Two valves arrived with scratched flanges and were set aside for return.",
        "The invoice for the valves is due within thirty days of delivery.",
        "Payment goes to the supplier's account at the northern bank.",
        "The supplier offers a two percent discount for payment within ten days.",
        "Returned valves must be packed in their original crates.",
        "The harbour warehouse closes at six in the evening on weekdays.",
        "Questions about the delivery go to the purchasing office.",
        "The purchasing office will confirm the return of the scratched valves by letter.",
    ];

    [Fact]
    public void Summarize_OnePageLetter_TakesAFractionOfItsSentencesAndTokens()
    {
        var text = string.Join(' ', Facts);

        var summary = new TextRankSummarizer(Tokens).Summarize(text, maxTokens: 400);

        summary.Count.ShouldBeInRange(1, 2);
        var summaryTokens = Tokens.Count(string.Join(' ', summary.Select(s => s.Text)));
        summaryTokens.ShouldBeLessThanOrEqualTo((int)Math.Ceiling(Tokens.Count(text) / 3.0), "a short document's summary must not be nearly its whole text");
    }

    [Fact]
    public void Summarize_LongDocument_IsCappedInSentences()
    {
        var text = string.Join(' ', Enumerable.Range(0, 20).SelectMany(i => Facts.Select(f => f.Replace("valves", $"valves of lot {i}", StringComparison.Ordinal))));

        var summary = new TextRankSummarizer(Tokens).Summarize(text, maxTokens: 4096);

        summary.Count.ShouldBe(TextRankSummarizer.MaxSentences);
        summary.Select(s => s.Index).ShouldBe(summary.Select(s => s.Index).Order());
    }

    [Fact]
    public void Summarize_OneSentence_IsThatSentence()
    {
        var summary = new TextRankSummarizer(Tokens).Summarize(Facts[0], maxTokens: 150);

        summary.Single().Text.ShouldBe(Facts[0]);
    }
}
