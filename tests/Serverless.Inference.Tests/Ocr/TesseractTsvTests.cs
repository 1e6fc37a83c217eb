using Serverless.Inference.Ocr;
using Shouldly;

namespace Serverless.Inference.Tests.Ocr;

public sealed class TesseractTsvTests
{
    [Fact]
    public void Parse_WordsOnLinesAndBlocks_BuildsTextBoxesAndMeanConfidence()
    {
        const string Tsv =
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
            "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n" +
            "5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t90.5\tTotal\n" +
            "5\t1\t1\t1\t1\t2\t45\t20\t25\t12\t80.5\tdue\n" +
            "5\t1\t1\t1\t2\t1\t10\t40\t30\t12\t70\tMarch\n" +
            "5\t1\t2\t1\t1\t1\t10\t80\t30\t12\t60\tEnd\n" +
            "5\t1\t2\t1\t1\t2\t50\t80\t5\t12\t95\t \n";

        var page = TesseractTsv.Parse(Tsv, new PageImage(3, "p.png", 100, 100));

        page.Text.ShouldBe("Total due\nMarch\n\nEnd");
        page.PageNumber.ShouldBe(3);
        page.Words.Select(w => w.Text).ShouldBe(["Total", "due", "March", "End"]);
        page.Words[1].Box.ShouldBe(new OcrBox(45, 20, 25, 12));
        page.MeanConfidence.ShouldBe(75.25);
    }
}
