using Serverless.Inference.Ocr;
using Serverless.Inference.Tests.Support;
using Shouldly;

namespace Serverless.Inference.Tests.Ocr;

public sealed class ImageHeaderTests
{
    [Fact]
    public async Task Pages_RenderedPngAndMultiPageTiff_ReportEveryPageSizeWithoutDecoding()
    {
        var docs = await TestDocuments.GetAsync();

        var png = ImageHeader.Pages(docs.Pngs[0], DocumentKind.Png);
        var tiff = ImageHeader.Pages(docs.MultiPageTiff(), DocumentKind.Tiff);

        png.Single().Width.ShouldBeInRange(2479, 2481);
        tiff.Count.ShouldBe(2);
        tiff.ShouldBe([png[0], png[0]]);
    }

    [Fact]
    public void Pages_BombHeader_ReportsTheClaimedSize()
    {
        ImageHeader.Pages(HostileFiles.DecompressionBombPng(), DocumentKind.Png).Single().ShouldBe((100_000, 100_000));
    }

    [Fact]
    public void Pages_TiffWhoseDirectoryPointsAtItself_IsRejectedNotLooped()
    {
        byte[] tiff = [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 0, 0, 8, 0, 0, 0];

        Should.Throw<InvalidDataException>(() => ImageHeader.Pages(tiff, DocumentKind.Tiff));
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "Png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "Jpeg")]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 42, 0 }, "Tiff")]
    [InlineData(new byte[] { (byte)'M', (byte)'M', 0, 42 }, "Tiff")]
    [InlineData(new byte[] { (byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', (byte)'1' }, "Pdf")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8' }, "Unknown")]
    public void Sniff_MagicBytes_TellTheKind(byte[] head, string expected)
    {
        ContentSniffer.Sniff(head).ToString().ShouldBe(expected);
    }
}
