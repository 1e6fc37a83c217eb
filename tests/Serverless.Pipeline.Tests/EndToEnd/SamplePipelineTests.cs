using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Caching;
using Serverless.Pipeline.Chunking;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Embedding;
using Serverless.Pipeline.Extraction;
using Serverless.Pipeline.Indexing;
using Serverless.Pipeline.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Pipeline.Tests.EndToEnd;

/// <summary>
/// The library's services composed the way the workflow's activities will call them, over the committed
/// samples/: extract, chunk, summarise, classify, embed, index, each billed step behind the step cache.
/// Processing the samples a second time calls no model and costs nothing.
/// </summary>
public sealed class SamplePipelineTests(AzuriteFixture azurite) : PipelineTest(azurite.ConnectionString)
{
    private const string Tenant = "samples";

    [Fact]
    public async Task Samples_ProcessedTwice_SecondRunBillsNothingAndSearchFindsTheInvoice()
    {
        var files = Directory.GetFiles(RepositoryRoot.Combine("samples")).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order().ToList();
        files.Count.ShouldBeGreaterThanOrEqualTo(5, "the run command's samples: a scan, a text-layer PDF, a scanned PDF, a DOCX and text");

        var first = new CostLedger();
        foreach (var file in files)
        {
            await ProcessAsync(file, "run-1", first);
        }

        var callsAfterFirstRun = Server.Calls.Count;
        var second = new CostLedger();
        foreach (var file in files)
        {
            await ProcessAsync(file, "run-2", second);
        }

        Server.Calls.Count.ShouldBe(callsAfterFirstRun);
        first.Total().Calls.ShouldBeGreaterThan(files.Count * 2);
        second.Total().Calls.ShouldBe(0);
        second.Total().Cost.ShouldBe(0m);

        var query = await Services.GetRequiredService<AiStepFactory>().Embedder(false).EmbedBatchAsync(["INVOICE Total due"], TestContext.Current.CancellationToken);
        var hits = await Services.GetRequiredService<IVectorIndex>().SearchAsync(Tenant, "INVOICE Total due", query.Vectors[0], 3, TestContext.Current.CancellationToken);
        hits.ShouldNotBeEmpty();
        hits[0].DocumentId.ShouldStartWith("invoice-");
        hits.ShouldAllBe(h => h.Page >= 1);
    }

    private async Task ProcessAsync(string path, string workflowId, CostLedger ledger)
    {
        var ct = TestContext.Current.CancellationToken;
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var hash = ContentHash.Of(bytes);
        var cache = Services.GetRequiredService<IStepCache>();
        var steps = Services.GetRequiredService<AiStepFactory>();
        var limits = Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PipelineOptions>>().Value.Limits;

        var (extracted, _) = await cache.GetOrComputeAsync(
            new StepCacheKey(hash, "extract", "tesseract", "v1"), PipelineJsonContext.Default.ExtractionResult,
            c => Services.GetRequiredService<IDocumentExtractor>().ExtractAsync(bytes, Path.GetFileName(path), c), ct);
        extracted.Pages.ShouldNotBeEmpty();
        var chunks = Services.GetRequiredService<TextChunker>().Chunk(extracted.Pages);

        var summarizer = steps.Summarizer(confidential: false);
        var (summary, summaryHit) = await cache.GetOrComputeAsync(
            new StepCacheKey(hash, "summarize", summarizer.Route.Model, summarizer.PromptVersion), PipelineJsonContext.Default.SummaryResult,
            c => summarizer.SummarizeAsync(string.Join("\n\n", extracted.Pages.Select(p => p.Text)), c), ct);
        if (!summaryHit)
        {
            ledger.Record(Tenant, workflowId, $"{hash}:summarize", summary.Usage);
        }

        var classifier = steps.Classifier(confidential: false);
        var (label, labelHit) = await cache.GetOrComputeAsync(
            new StepCacheKey(hash, "classify", classifier.Route.Model, classifier.PromptVersion), PipelineJsonContext.Default.ClassificationResult,
            c => classifier.ClassifyAsync(string.Join("\n\n", extracted.Pages.Select(p => p.Text)), c), ct);
        if (!labelHit)
        {
            ledger.Record(Tenant, workflowId, $"{hash}:classify", label.Usage);
        }

        var embedder = steps.Embedder(confidential: false);
        var vectors = new List<float[]>();
        var batches = DocumentEmbedder.Batches(chunks, limits.EmbeddingBatchSize);
        for (var b = 0; b < batches.Count; b++)
        {
            var batch = batches[b];
            var (embedded, hit) = await cache.GetOrComputeAsync(
                new StepCacheKey(hash, $"embed-{b}", embedder.Route.Model, "none"), PipelineJsonContext.Default.EmbeddingBatch,
                c => embedder.EmbedBatchAsync([.. batch.Select(x => x.Text)], c), ct);
            if (!hit)
            {
                ledger.Record(Tenant, workflowId, $"{hash}:embed-{b}", embedded.Usage);
            }

            vectors.AddRange(embedded.Vectors);
        }

        var documentId = Path.GetFileNameWithoutExtension(path);
        await Services.GetRequiredService<IVectorIndex>().UpsertAsync(
            Tenant, documentId, [.. chunks.Select((c, i) => new IndexedChunk(c.Index, c.FirstPage, c.LastPage, c.Text, vectors[i]))], ct);
    }
}
