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
}
