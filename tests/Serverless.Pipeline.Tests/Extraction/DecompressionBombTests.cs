using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Extraction;
using Serverless.Pipeline.Tests.Support;
using Serverless.Samples;
using Shouldly;

namespace Serverless.Pipeline.Tests.Extraction;

/// <summary>
/// Decompression bombs are refused before a parser inflates them, and memory stays at its baseline
/// (measured around each call; the collection runs alone so that other tests' allocations do not count).
/// </summary>
[Collection(nameof(DecompressionBombTests))]
[CollectionDefinition(nameof(DecompressionBombTests), DisableParallelization = true)]
public sealed class DecompressionBombTests : PipelineTest
{
    private IDocumentExtractor Extractor => Services.GetRequiredService<IDocumentExtractor>();

    // The DOCX stays under MaxUnpackedBytes (200 MiB, archive-too-large) so that the XML-part limit is what refuses it.
    public static TheoryData<string, long> Bombs => new() { { "bomb.pdf", 512 }, { "bomb.docx", 150 } };

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task ExtractAsync_DecompressionBomb_IsRefusedWithoutInflatingIt_AndMemoryReturnsToBaseline(string fileName, long inflatedMib)
    {
        var inflated = inflatedMib * 1024 * 1024;
        var bomb = fileName.EndsWith(".pdf", StringComparison.Ordinal) ? PdfBytes.FlateBomb(inflated) : HostileDocuments.DocxXmlBomb(inflated);
        await Extractor.ExtractAsync(SampleDocuments.TextPdf([["Warm-up page."]]), "warm.pdf", TestContext.Current.CancellationToken);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Should.ThrowAsync<DocumentRejectedException>(() => Extractor.ExtractAsync(bomb, fileName, TestContext.Current.CancellationToken));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);

        bomb.Length.ShouldBeLessThan(2 * 1024 * 1024, "the file is small; what it inflates to is not");
        error.Code.ShouldBe(ExtractionErrorCodes.DecompressedTooLarge);
        allocated.ShouldBeLessThan(64L * 1024 * 1024, $"the {inflatedMib} MiB the bomb inflates to were never held in memory");
        (after - baseline).ShouldBeLessThan(16L * 1024 * 1024, "managed memory is back at its baseline");
        Server.Calls.ShouldBeEmpty();
        TestContext.Current.SendDiagnosticMessage($"{fileName}: {bomb.Length} bytes, inflates to {inflatedMib} MiB; allocated during the call {allocated >> 20} MiB; heap {baseline >> 20} -> {after >> 20} MiB");
    }
}
