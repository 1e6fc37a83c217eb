using System.Text;
using Serverless.App.Ingestion;
using Shouldly;

namespace Serverless.LocalHost.Tests.Ingestion;

public sealed class ContentSnifferTests
{
    [Theory]
    [InlineData("%PDF-1.7\n", "application/pdf")]
    [InlineData("PK\u0003\u0004rest", "application/zip")]
    [InlineData("II*\u0000", "image/tiff")]
    [InlineData("hello\nworld\n", "text/plain")]
    [InlineData("Grüße\r\n", "text/plain")]
    public void Sniff_KnownSignature_ReturnsType(string content, string expected) =>
        ContentSniffer.Sniff(Encoding.UTF8.GetBytes(content)).ShouldBe(expected);

    [Fact]
    public void Sniff_PngAndJpegMagic_ReturnsImageTypes()
    {
        ContentSniffer.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).ShouldBe("image/png");
        ContentSniffer.Sniff([0xFF, 0xD8, 0xFF, 0xE0]).ShouldBe("image/jpeg");
    }

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02 })]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { })]
    public void Sniff_ExecutableBinaryOrEmpty_ReturnsNull(byte[] content) => ContentSniffer.Sniff(content).ShouldBeNull();

    [Fact]
    public void Sniff_TextCutInsideMultiByteCharacterAtWindowEnd_IsStillText()
    {
        var text = Encoding.UTF8.GetBytes(new string('a', ContentSniffer.SniffLength - 1) + "é");

        ContentSniffer.Sniff(text.AsSpan(0, ContentSniffer.SniffLength)).ShouldBe("text/plain");
    }
}
