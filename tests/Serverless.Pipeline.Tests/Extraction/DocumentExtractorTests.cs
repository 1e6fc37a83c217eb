using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Extraction;
using Serverless.Pipeline.Tests.Support;
using Serverless.Samples;
using Shouldly;

namespace Serverless.Pipeline.Tests.Extraction;

public sealed class DocumentExtractorTests : PipelineTest
{
    private IDocumentExtractor Extractor => Services.GetRequiredService<IDocumentExtractor>();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Server.ApiKey = "inference-key";
    }

    protected override void Configure(Dictionary<string, string?> settings) => settings["Pipeline:Providers:inference:ApiKey"] = "inference-key";

    [Fact]
    public async Task ExtractAsync_TextLayerPdf_PagesInOrderWithoutOcr()
    {
        var pdf = SampleDocuments.TextPdf([SampleDocuments.InvoiceLines, ["Terms and conditions apply to this invoice."]]);

        var result = await Extractor.ExtractAsync(pdf, "invoice.pdf", TestContext.Current.CancellationToken);

        result.Kind.ShouldBe(DocumentKind.Pdf);
        result.PageCount.ShouldBe(2);
        result.Pages.Select(p => p.PageNumber).ShouldBe([1, 2]);
        result.Pages.ShouldAllBe(p => p.Source == PageSource.TextLayer);
        result.Pages[0].Text.ShouldContain("INVOICE No. 2026-0415");
        result.Pages[0].Text.ShouldContain("Total due (GBP)");
        result.Pages[1].Text.ShouldContain("Terms and conditions");
        result.Language.ShouldBe("en");
        Server.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task ExtractAsync_PdfWithImageOnlyPage_OcrsOnlyThatPage()
    {
        var png = SampleDocuments.GrayPng(200, 100, (x, y) => (byte)((x / 10 + y / 10) % 2 == 0 ? 255 : 0));
        var pdf = SampleDocuments.MixedPdf(["Cover letter for the attached scanned invoice."], png);

        var result = await Extractor.ExtractAsync(pdf, "mixed.pdf", TestContext.Current.CancellationToken);

        result.PageCount.ShouldBe(2);
        result.Pages[0].Source.ShouldBe(PageSource.TextLayer);
        result.Pages[0].Text.ShouldContain("Cover letter");
        result.Pages[1].Source.ShouldBe(PageSource.Ocr);
        result.Pages[1].Text.ShouldContain("Scanned page 2");
        result.OcrPageCount.ShouldBe(1);
        var ocr = Server.CallsTo("/v1/ocr").ShouldHaveSingleItem();
        ocr.Headers["api-key"].ShouldBe("inference-key");
    }

    [Fact]
    public async Task ExtractAsync_PngImage_UsesOcr()
    {
        var png = SampleDocuments.GrayPng(64, 32, (_, _) => 255);

        var result = await Extractor.ExtractAsync(png, "scan.png", TestContext.Current.CancellationToken);

        result.Kind.ShouldBe(DocumentKind.Png);
        result.Pages.ShouldHaveSingleItem().Source.ShouldBe(PageSource.Ocr);
        Server.CallsTo("/v1/ocr").Count.ShouldBe(1);
    }

    [Fact]
    public async Task ExtractAsync_NothingToRead_FailsWithNoTextAndNoAiCall()
    {
        var blankPdf = SampleDocuments.TextPdf([[], []]);
        var cases = new (string Name, byte[] Content)[]
        {
            ("blank.pdf", blankPdf),
            ("spaces.txt", "  \n\t \r\n  "u8.ToArray()),
            ("empty.docx", SampleDocuments.Docx([[" ", ""]])),
        };

        foreach (var (name, content) in cases)
        {
            var error = await Should.ThrowAsync<DocumentRejectedException>(() => Extractor.ExtractAsync(content, name, TestContext.Current.CancellationToken), name);
            error.Code.ShouldBe(ExtractionErrorCodes.NoText, name);
        }

        Server.Calls.ShouldBeEmpty("a document with nothing drawn on it is not sent to OCR");
    }

    [Fact]
    public async Task ExtractAsync_DocxWithPageBreak_TwoPages()
    {
        var docx = SampleDocuments.Docx([["Dear Mr. Jones,", "Thank you for your letter."], ["Yours sincerely, Anna"]]);

        var result = await Extractor.ExtractAsync(docx, "letter.docx", TestContext.Current.CancellationToken);

        result.Kind.ShouldBe(DocumentKind.Docx);
        result.PageCount.ShouldBe(2);
        result.Pages[0].Text.ShouldContain("Thank you for your letter.");
        result.Pages[1].Text.ShouldContain("Yours sincerely");
    }

    [Fact]
    public async Task ExtractAsync_Utf8TextWithBom_OnePageAsIs()
    {
        var text = "Sehr geehrte Damen und Herren, die Rechnung ist nicht bezahlt und wir bitten um Zahlung."u8.ToArray();

        byte[] withBom = [0xEF, 0xBB, 0xBF, .. text];

        var result = await Extractor.ExtractAsync(withBom, "brief.txt", TestContext.Current.CancellationToken);

        result.Kind.ShouldBe(DocumentKind.Text);
        result.Pages.ShouldHaveSingleItem().Text.ShouldStartWith("Sehr geehrte");
        result.Language.ShouldBe("de");
    }

    [Fact]
    public async Task ExtractAsync_OcrRejectsUnauthorised_FailsFatally()
    {
        Server.ApiKey = "another-key";

        var error = await Should.ThrowAsync<StepFailedException>(() => Extractor.ExtractAsync(SampleDocuments.GrayPng(8, 8, (_, _) => 0), "a.png", TestContext.Current.CancellationToken));

        error.IsTransient.ShouldBeFalse();
        error.Code.ShouldBe(StepErrorCodes.ProviderRejected);
    }
}
