using System.Net;
using Serverless.Inference.Tests.Support;
using Serverless.Samples;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Inference.Tests.Ocr;

[Trait("Category", "Integration")]
public sealed class DecompressionBombTests
{
    private const long InflatedMib = 768;

    [Fact]
    public async Task Ocr_PdfFlateBomb_Is413BeforeParsing_AndTheAppStaysAtItsBaselineMemory()
    {
        await using var app = await InferenceAppFixture.StartAsync(new Dictionary<string, string?> { ["Inference:Ocr:PaddleEnabled"] = "false" });
        using var client = app.CreateClient();
        var docs = await TestDocuments.GetAsync();
        var bomb = PdfBytes.FlateBomb(InflatedMib * 1024 * 1024);
        using (var warm = await OcrClient.PostAsync(client, docs.TextPdf, "warm.pdf"))
        {
            warm.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var (rssBefore, peakBefore) = ProcessMemory.Of(app.ProcessId);
        using var refused = await OcrClient.PostAsync(client, bomb, "bomb.pdf");
        using var json = await OcrClient.JsonAsync(refused);
        var (rssAfter, peakAfter) = ProcessMemory.Of(app.ProcessId);
        using var stillServing = await OcrClient.PostAsync(client, docs.Pngs[0], "page.png");

        refused.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        json.RootElement.GetProperty("type").GetString()!.ShouldEndWith("/decompressed-too-large");
        json.RootElement.GetProperty("detail").GetString()!.ShouldContain("MaxDecompressedBytes");
        (peakAfter - peakBefore).ShouldBeLessThan(150, $"peak RSS rose {peakAfter - peakBefore:0} MiB for a bomb of {InflatedMib} MiB");
        (rssAfter - rssBefore).ShouldBeLessThan(100, $"RSS {rssBefore:0} -> {rssAfter:0} MiB");
        stillServing.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestContext.Current.SendDiagnosticMessage($"bomb {bomb.Length} bytes -> {InflatedMib} MiB: RSS {rssBefore:0} -> {rssAfter:0} MiB, peak {peakBefore:0} -> {peakAfter:0} MiB");
    }
}
