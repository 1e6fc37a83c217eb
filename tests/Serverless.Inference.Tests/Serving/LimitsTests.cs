using System.Net;
using Serverless.Inference.Tests.Support;
using Serverless.Testing;
using Shouldly;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Serverless.Inference.Tests.Serving;

[Trait("Category", "Integration")]
public sealed class LimitsTests
{
    private static readonly string[] FiveInputs = ["a", "b", "c", "d", "e"];

    [Fact]
    public async Task Limits_Exceeded_Are413ProblemsNamingTheSetting_AndTheAppKeepsServing()
    {
        await using var app = await InferenceAppFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Inference:Ocr:PaddleEnabled"] = "false",
            ["Inference:Limits:MaxRequestBytes"] = "1500000",
            ["Inference:Limits:MaxPages"] = "1",
            ["Inference:Limits:MaxPixelsPerPage"] = "1000000",
            ["Inference:Limits:MaxDecodedPixelsPerRequest"] = "500000",
            ["Inference:Ocr:PdfDpi"] = "72",
            ["Inference:Limits:MaxTextCharacters"] = "500",
            ["Inference:Limits:MaxEmbeddingInputs"] = "4",
        });
        using var client = app.CreateClient();
        var docs = await TestDocuments.GetAsync();

        using var tooManyPages = await OcrClient.PostAsync(client, docs.TextPdf, "two-pages.pdf");
        using var tooBig = await OcrClient.PostAsync(client, new byte[1_600_000], "big.png");
        using var imageTooLarge = await OcrClient.PostAsync(client, docs.ScannedPdf(pages: 1), "scan.pdf");
        using var tiffTooLarge = await OcrClient.PostAsync(client, Tiff(1000, 900), "fax.tif");
        using var tooLong = await OcrClient.PostJsonAsync(client, "v1/summarize", new { text = new string('a', 501) });
        using var tooMany = await OcrClient.PostJsonAsync(client, "v1/embeddings", new { input = FiveInputs });
        using var stillServing = await OcrClient.PostJsonAsync(client, "v1/summarize", new { text = "Short text. Fine." });

        await ShouldBeProblemAsync(tooManyPages, "too-many-pages", "MaxPages");
        await ShouldBeProblemAsync(tooBig, "request-too-large", "MaxRequestBytes");
        await ShouldBeProblemAsync(imageTooLarge, "too-many-pixels", "2480x3509");
        await ShouldBeProblemAsync(tiffTooLarge, "too-many-pixels", "MaxDecodedPixelsPerRequest");
        await ShouldBeProblemAsync(tooLong, "text-too-long", "500");
        await ShouldBeProblemAsync(tooMany, "too-many-inputs", "4");
        stillServing.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, string type, string detailMentions)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, type);
        using var json = await OcrClient.JsonAsync(response);
        json.RootElement.GetProperty("type").GetString()!.ShouldEndWith("/" + type);
        json.RootElement.GetProperty("detail").GetString()!.ShouldContain(detailMentions);
    }

    private static byte[] Tiff(int width, int height)
    {
        using var image = new Image<L8>(width, height, new L8(255));
        using var stream = new MemoryStream();
        image.SaveAsTiff(stream);
        return stream.ToArray();
    }
}
