using System.Net;
using System.Text.Json;
using Serverless.Inference.Tests.Support;
using Shouldly;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using UglyToad.PdfPig.Content;

namespace Serverless.Inference.Tests.Ocr;

[Trait("Category", "Integration")]
public sealed class OcrEndpointTests(SharedInferenceApp app)
{
    [Fact]
    public async Task Ocr_CleanPng300Dpi_TesseractReadsAtLeast95PercentOfWords()
    {
        var docs = await TestDocuments.GetAsync();
        using var client = app.CreateClient();

        using var response = await OcrClient.PostAsync(client, docs.Pngs[0], "page.png");
        using var json = await OcrClient.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var root = json.RootElement;
        root.GetProperty("engine").GetString().ShouldBe("tesseract");
        root.GetProperty("pageCount").GetInt32().ShouldBe(1);
        var page = root.GetProperty("pages")[0];
        page.GetProperty("pageNumber").GetInt32().ShouldBe(1);
        page.GetProperty("width").GetInt32().ShouldBeInRange(2479, 2481);
        page.GetProperty("height").GetInt32().ShouldBeInRange(3507, 3509);
        TestDocuments.WordAccuracy(docs.Words(0), page.GetProperty("text").GetString()!).ShouldBeGreaterThanOrEqualTo(0.95);
        page.GetProperty("meanConfidence").GetDouble().ShouldBeGreaterThan(80);
        page.GetProperty("text").GetString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(docs.PageLines[0].Count);
    }

    [Fact]
    public async Task Ocr_SamePage_BothEnginesReadAtLeast95PercentOfWordsWithBoxesOnTheirLines()
    {
        var docs = await TestDocuments.GetAsync();
        using var client = app.CreateClient();

        foreach (var engine in new[] { "tesseract", "paddle-onnx" })
        {
            using var response = await OcrClient.PostAsync(client, docs.Pngs[1], "page.png", engine);
            using var json = await OcrClient.JsonAsync(response);

            response.StatusCode.ShouldBe(HttpStatusCode.OK, engine);
            json.RootElement.GetProperty("engine").GetString().ShouldBe(engine);
            var page = json.RootElement.GetProperty("pages")[0];
            TestDocuments.WordAccuracy(docs.Words(1), page.GetProperty("text").GetString()!).ShouldBeGreaterThanOrEqualTo(0.95, engine);
            var words = page.GetProperty("words").EnumerateArray().ToList();
            words.Count.ShouldBeGreaterThanOrEqualTo((int)(docs.Words(1).Count * 0.95), engine);
            foreach (var word in words)
            {
                var box = word.GetProperty("box");
                var (x, y, w, h) = (box.GetProperty("x").GetInt32(), box.GetProperty("y").GetInt32(), box.GetProperty("width").GetInt32(), box.GetProperty("height").GetInt32());
                w.ShouldBeGreaterThan(0);
                h.ShouldBeInRange(20, 120, $"{engine}: 12 pt text at 300 dpi is about 50 px high");
                (x + w).ShouldBeLessThanOrEqualTo(2480);
                (y + h).ShouldBeLessThanOrEqualTo(3508);
                word.GetProperty("confidence").GetDouble().ShouldBeInRange(0, 100);
            }

            // The first word sits on the first line: 72 pt below the top edge at 300 dpi is about 300 px.
            FirstWordTop(words).ShouldBeInRange(200, 320, engine);
        }
    }

    [Fact]
    public async Task Ocr_MultiPageTiff_ReturnsEveryPageInOrder()
    {
        var docs = await TestDocuments.GetAsync();
        using var client = app.CreateClient();

        using var response = await OcrClient.PostAsync(client, docs.MultiPageTiff(), "scan.tif");
        using var json = await OcrClient.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        json.RootElement.GetProperty("pageCount").GetInt32().ShouldBe(2);
        var pages = json.RootElement.GetProperty("pages");
        for (var i = 0; i < 2; i++)
        {
            pages[i].GetProperty("pageNumber").GetInt32().ShouldBe(i + 1);
            TestDocuments.WordAccuracy(docs.Words(i), pages[i].GetProperty("text").GetString()!).ShouldBeGreaterThanOrEqualTo(0.95);
        }
    }

    [Fact]
    public async Task Ocr_ScannedPdf_ReadsEachPageFromItsOwnImage_AsWellAsTheImageAlone()
    {
        var docs = await TestDocuments.GetAsync();
        using var client = app.CreateClient();

        // Letter pages: rendered at 300 dpi they would be 2550 px wide; the images the scanner made are 2480 px.
        using var response = await OcrClient.PostAsync(client, docs.ScannedPdf(PageSize.Letter), "scan.pdf");
        using var json = await OcrClient.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        json.RootElement.GetProperty("pageCount").GetInt32().ShouldBe(2);
        var pages = json.RootElement.GetProperty("pages");
        for (var i = 0; i < 2; i++)
        {
            using var alone = await OcrClient.PostAsync(client, docs.Pngs[i], "page.png");
            using var aloneJson = await OcrClient.JsonAsync(alone);
            pages[i].GetProperty("width").GetInt32().ShouldBe(2480, "the page's own image, not a rendering");
            pages[i].GetProperty("height").GetInt32().ShouldBe(aloneJson.RootElement.GetProperty("pages")[0].GetProperty("height").GetInt32());
            var imageAccuracy = TestDocuments.WordAccuracy(docs.Words(i), aloneJson.RootElement.GetProperty("pages")[0].GetProperty("text").GetString()!);
            var pdfAccuracy = TestDocuments.WordAccuracy(docs.Words(i), pages[i].GetProperty("text").GetString()!);
            pdfAccuracy.ShouldBeGreaterThanOrEqualTo(0.95);
            pdfAccuracy.ShouldBeGreaterThanOrEqualTo(imageAccuracy, "the PDF's page reads as well as its image does alone");
        }
    }

    [Fact]
    public async Task Ocr_MixedPdfPage_IsRendered_ImageOnlyPageIsNot()
    {
        var docs = await TestDocuments.GetAsync();
        using var client = app.CreateClient();

        using var response = await OcrClient.PostAsync(client, docs.ScannedPdf(PageSize.Letter, stampOnFirstPage: "Received 4711 Contoso"), "mixed.pdf");
        using var json = await OcrClient.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var pages = json.RootElement.GetProperty("pages");
        pages[0].GetProperty("width").GetInt32().ShouldBe(2550, "image plus text: rendered at 300 dpi");
        pages[1].GetProperty("width").GetInt32().ShouldBe(2480, "image only: its own image");
        var first = pages[0].GetProperty("text").GetString()!;
        TestDocuments.WordAccuracy(docs.Words(0), first).ShouldBeGreaterThanOrEqualTo(0.95);
        first.ShouldContain("Received 4711 Contoso");
    }

    [Fact]
    public async Task Ocr_BlankImage_Is200WithEmptyText()
    {
        using var blank = new Image<L8>(1240, 1754, new L8(255));
        using var png = new MemoryStream();
        await blank.SaveAsPngAsync(png, TestContext.Current.CancellationToken);
        using var client = app.CreateClient();

        using var response = await OcrClient.PostAsync(client, png.ToArray(), "blank.png");
        using var json = await OcrClient.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = json.RootElement.GetProperty("pages").EnumerateArray().ShouldHaveSingleItem();
        page.GetProperty("text").GetString().ShouldBeNullOrWhiteSpace();
        page.GetProperty("words").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Ocr_EngineAsQueryParameter_IsHonoured_AndUnknownEngineIs400()
    {
        using var client = app.CreateClient();
        var docs = await TestDocuments.GetAsync();

        using var unknown = await client.PostAsync(new Uri("v1/ocr?engine=abbyy", UriKind.Relative), OcrClient.Form(docs.Pngs[0], "p.png"), TestContext.Current.CancellationToken);
        using var problem = await OcrClient.JsonAsync(unknown);

        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem.RootElement.GetProperty("detail").GetString()!.ShouldContain("paddle-onnx");
    }

    private static int FirstWordTop(List<JsonElement> words) =>
        words.Min(w => w.GetProperty("box").GetProperty("y").GetInt32());
}
