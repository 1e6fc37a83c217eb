using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Extraction;
using Serverless.Pipeline.Tests.Support;
using Serverless.Samples;
using Shouldly;

namespace Serverless.Pipeline.Tests.Extraction;

/// <summary>G10: every malformed or hostile file ends rejected with a stable error code, and nothing reaches OCR.</summary>
public sealed class HostileCorpusTests : PipelineTest
{
    private const int MaxPages = 5;

    private static readonly Dictionary<string, (Func<byte[]> Content, string FileName, string Code)> Corpus = new()
    {
        ["zero-bytes"] = (() => [], "empty.pdf", ExtractionErrorCodes.Empty),
        ["random-bytes-named-pdf"] = (() => HostileDocuments.RandomBytes(4096), "scan.pdf", ExtractionErrorCodes.UnknownFormat),
        ["truncated-pdf"] = (HostileDocuments.TruncatedPdf, "invoice.pdf", ExtractionErrorCodes.PdfMalformed),
        ["encrypted-pdf"] = (HostileDocuments.EncryptedPdf, "secret.pdf", ExtractionErrorCodes.PdfEncrypted),
        ["garbage-with-pdf-header"] = (HostileDocuments.GarbagePdf, "broken.pdf", ExtractionErrorCodes.PdfMalformed),
        ["too-many-pages"] = (() => SampleDocuments.TextPdf([.. Enumerable.Range(1, MaxPages + 1).Select(p => (IReadOnlyList<string>)[$"Page {p}"])]), "long.pdf", ExtractionErrorCodes.TooManyPages),
        ["pixel-bomb-png"] = (HostileDocuments.PixelBomb, "bomb.png", ExtractionErrorCodes.ImageTooLarge),
        ["docx-named-pdf"] = (() => SampleDocuments.Docx([["Hello"]]), "report.pdf", ExtractionErrorCodes.ExtensionMismatch),
        ["pdf-named-png"] = (() => SampleDocuments.TextPdf([["Hello"]]), "photo.png", ExtractionErrorCodes.ExtensionMismatch),
        ["oversized"] = (() => Encoding.UTF8.GetBytes(new string('a', 300_000)), "big.txt", ExtractionErrorCodes.TooLarge),
        ["text-with-nul"] = (() => Encoding.UTF8.GetBytes("invoice\0total"), "notes.txt", ExtractionErrorCodes.UnknownFormat),
        ["zip-not-docx"] = (HostileDocuments.ZipWithoutWordDocument, "archive.docx", ExtractionErrorCodes.UnknownFormat),
        ["docx-unpack-bomb"] = (() => HostileDocuments.DocxBomb(2_000_000), "bomb.docx", ExtractionErrorCodes.ArchiveTooLarge),
        ["docx-entity-bomb"] = (HostileDocuments.DocxWithEntityBomb, "lolz.docx", ExtractionErrorCodes.DocxMalformed),
        ["jpeg-without-frame"] = (HostileDocuments.JpegWithoutFrame, "photo.jpg", ExtractionErrorCodes.ImageMalformed),
        ["tiff-directory-loop"] = (HostileDocuments.TiffWithDirectoryLoop, "fax.tiff", ExtractionErrorCodes.ImageMalformed),
    };

    public static TheoryData<string> Cases => [.. Corpus.Keys];

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Pipeline:Limits:MaxPages"] = $"{MaxPages}";
        settings["Pipeline:Limits:MaxDocumentBytes"] = "200000";
        settings["Pipeline:Limits:MaxUnpackedBytes"] = "1000000";
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ExtractAsync_HostileInput_RejectedWithStableCode(string name)
    {
        var (content, fileName, code) = Corpus[name];
        var extractor = Services.GetRequiredService<IDocumentExtractor>();

        var error = await Should.ThrowAsync<DocumentRejectedException>(() => extractor.ExtractAsync(content(), fileName, TestContext.Current.CancellationToken));

        error.Code.ShouldBe(code, error.Message);
        Server.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task ExtractAsync_PageCountAtLimit_Accepted()
    {
        var pdf = SampleDocuments.TextPdf([.. Enumerable.Range(1, MaxPages).Select(p => (IReadOnlyList<string>)[$"Page {p} of the report"])]);

        var result = await Services.GetRequiredService<IDocumentExtractor>().ExtractAsync(pdf, "report.pdf", TestContext.Current.CancellationToken);

        result.PageCount.ShouldBe(MaxPages);
    }

    [Fact]
    public void Corpus_HasAtLeastTenCases() => Corpus.Count.ShouldBeGreaterThanOrEqualTo(10);
}
