using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Caching;
using Serverless.Pipeline.Chunking;
using Serverless.Pipeline.Embedding;
using Serverless.Pipeline.Extraction;

namespace Serverless.Pipeline.Workflow;

/// <summary>
/// The intermediate products of a document (text, chunks, vectors) in the step cache, keyed by content
/// hash: activities pass references, and a step that finds its input already computed (a resumed or
/// restarted workflow, the same bytes again) reads it instead of paying for it again.
/// </summary>
public sealed class PipelineArtifacts(IStepCache cache, DocumentSource source, IDocumentExtractor extractor, TextChunker chunker, AiStepFactory steps, IOptions<PipelineOptions> options)
{
    /// <summary>The extraction of the document (OCR included), and whether this call computed it.</summary>
    public async Task<(ExtractionResult Result, bool Cached, bool MarkedConfidential)> ExtractionAsync(DocumentPipelineInput document, CancellationToken cancellationToken)
    {
        var marked = false;
        var (result, hit) = await cache.GetOrComputeAsync(ExtractionKey(document), PipelineJsonContext.Default.ExtractionResult, async ct =>
        {
            var (content, confidential) = await source.ReadAsync(document, ct).ConfigureAwait(false);
            marked = confidential;
            return await extractor.ExtractAsync(content, document.FileName, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return (result, hit, marked);
    }

    /// <summary>The extraction when it is in the step cache, else null: for reading it back (the dashboard), never computed here.</summary>
    public Task<ExtractionResult?> CachedExtractionAsync(DocumentPipelineInput document, CancellationToken cancellationToken) =>
        cache.GetAsync(ExtractionKey(document), PipelineJsonContext.Default.ExtractionResult, cancellationToken);

    /// <summary>The document's chunks (computed from the cached extraction when missing).</summary>
    public async Task<(IReadOnlyList<TextChunk> Chunks, bool Cached)> ChunksAsync(DocumentPipelineInput document, CancellationToken cancellationToken)
    {
        var limits = options.Value.Limits;
        var key = new StepCacheKey(document.ContentSha256, "chunks", $"cl100k/{limits.ChunkTokens}/{limits.ChunkOverlapTokens}", "v1");
        return await cache.GetOrComputeAsync(key, PipelineJsonContext.Default.IReadOnlyListTextChunk, async ct =>
        {
            var (extraction, _, _) = await ExtractionAsync(document, ct).ConfigureAwait(false);
            return chunker.Chunk(extraction.Pages);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The vectors of one batch of chunks (embedded and billed only when not cached for this route).</summary>
    public async Task<(EmbeddingBatch Batch, bool Cached)> EmbeddingsAsync(DocumentPipelineInput document, bool confidential, int batch, int batchSize, CancellationToken cancellationToken)
    {
        var embedder = steps.Embedder(confidential);
        var route = embedder.Route;
        var key = new StepCacheKey(document.ContentSha256, $"embed-{batchSize}-{batch}", $"{route.Provider}/{route.Model}", "v1");
        return await cache.GetOrComputeAsync(key, PipelineJsonContext.Default.EmbeddingBatch, async ct =>
        {
            var (chunks, _) = await ChunksAsync(document, ct).ConfigureAwait(false);
            var texts = chunks.Skip(batch * batchSize).Take(batchSize).Select(c => c.Text).ToList();
            return texts.Count == 0
                ? new EmbeddingBatch([], route, Cost.StepUsage.None(nameof(AiStep.Embed), route.Provider, route.Model))
                : await embedder.EmbedBatchAsync(texts, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A billed step over the document's whole text (summarise, classify), cached by (hash, step, provider/model, prompt version).</summary>
    public async Task<(T Value, bool Cached)> TextStepAsync<T>(
        DocumentPipelineInput document, string step, ResolvedRoute route, string promptVersion, JsonTypeInfo<T> type,
        Func<string, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        var key = new StepCacheKey(document.ContentSha256, step, $"{route.Provider}/{route.Model}", promptVersion);
        return await cache.GetOrComputeAsync(key, type, async ct =>
        {
            var (extraction, _, _) = await ExtractionAsync(document, ct).ConfigureAwait(false);
            return await call(extraction.FullText, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private StepCacheKey ExtractionKey(DocumentPipelineInput document) =>
        new(document.ContentSha256, "extract", $"{options.Value.OcrEngine}/{options.Value.OcrLanguage}", "v1");
}
