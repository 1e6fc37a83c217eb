using Serverless.Inference.Ocr;
using Serverless.Inference.Tests.Support;
using Shouldly;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Serverless.Inference.Tests.Ocr;

public sealed class ScannedPageTests
{
    [Fact]
    public async Task ImageSize_FullPageImageOnly_IsTheImagesOwnSize()
    {
        var docs = await TestDocuments.GetAsync();
        using var document = PdfDocument.Open(docs.ScannedPdf(pages: 1));

        var size = ScannedPage.ImageSize(document.GetPage(1));

        size.ShouldNotBeNull();
        size.Value.Width.ShouldBe(2480);
    }

    [Fact]
    public async Task ImageSize_ImageWithDrawnLines_IsNull()
    {
        var docs = await TestDocuments.GetAsync();
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        page.AddPng(docs.Pngs[0], new PdfRectangle(0, 0, page.PageSize.Width, page.PageSize.Height));
        page.DrawRectangle(new PdfPoint(50, 50), 200, 100, lineWidth: 2);
        using var document = PdfDocument.Open(builder.Build());

        ScannedPage.ImageSize(document.GetPage(1)).ShouldBeNull("a vector drawing on the page would be lost without rendering");
    }

    [Fact]
    public async Task ImageSize_ImageCoveringHalfThePage_IsNull()
    {
        var docs = await TestDocuments.GetAsync();
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        page.AddPng(docs.Pngs[0], new PdfRectangle(0, 0, page.PageSize.Width, page.PageSize.Height / 2));
        using var document = PdfDocument.Open(builder.Build());

        ScannedPage.ImageSize(document.GetPage(1)).ShouldBeNull();
    }
}
