using System.ComponentModel.DataAnnotations;

namespace Serverless.Pipeline;

/// <summary>
/// Every size limit of the pipeline in one place (bound from <c>Pipeline:Limits</c>). A value over a
/// limit is rejected with a stable error code before any expensive work starts.
/// </summary>
public sealed class PipelineLimits
{
    /// <summary>Largest document accepted, in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxDocumentBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Most pages in one PDF (or frames in one TIFF).</summary>
    [Range(1, 100_000)]
    public int MaxPages { get; set; } = 500;

    /// <summary>Most pixels (width x height) of one image page: a decompression bomb is refused before decoding.</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixelsPerPage { get; set; } = 40_000_000;

    /// <summary>Most entries in a DOCX (zip) package.</summary>
    [Range(1, 1_000_000)]
    public int MaxArchiveEntries { get; set; } = 2_000;

    /// <summary>Most bytes a DOCX package may unpack to.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUnpackedBytes { get; set; } = 200 * 1024 * 1024;

    /// <summary>
    /// Most bytes a document's compressed parts may inflate to before a library parses them: a PDF's Flate
    /// content and object streams (images excepted), a DOCX's XML parts. Measured by streaming, so a
    /// decompression bomb is refused without being held in memory.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxDecompressedBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Most characters of extracted text kept for one document.</summary>
    [Range(1, int.MaxValue)]
    public int MaxExtractedCharacters { get; set; } = 5_000_000;

    /// <summary>Most characters of document text sent to a model in one summarise or classify call.</summary>
    [Range(100, int.MaxValue)]
    public int MaxCharactersToModel { get; set; } = 24_000;

    /// <summary>max_tokens of a summary call (always sent).</summary>
    [Range(16, 100_000)]
    public int MaxSummaryTokens { get; set; } = 400;

    /// <summary>max_tokens of a classification call (always sent).</summary>
    [Range(16, 100_000)]
    public int MaxClassificationTokens { get; set; } = 300;

    /// <summary>Tokens per chunk (cl100k).</summary>
    [Range(16, 8_000)]
    public int ChunkTokens { get; set; } = 400;

    /// <summary>Tokens shared by two neighbouring chunks.</summary>
    [Range(0, 4_000)]
    public int ChunkOverlapTokens { get; set; } = 50;

    /// <summary>Most chunks per document (each is embedded and indexed).</summary>
    [Range(1, 1_000_000)]
    public int MaxChunksPerDocument { get; set; } = 5_000;

    /// <summary>Inputs in one embeddings request.</summary>
    [Range(1, 2_048)]
    public int EmbeddingBatchSize { get; set; } = 64;

    /// <summary>
    /// Tokens (in + out) a tenant may use per UTC day; 0 = no budget. A workflow that would start a billed
    /// run after the budget is spent fails at its start with <c>tenant-budget-exceeded</c> (reusing an
    /// existing result stays free). Checked at each workflow's start: workflows already running finish.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long TenantDailyTokens { get; set; }

    /// <summary>Per-tenant budgets over <see cref="TenantDailyTokens"/> (<c>Pipeline:Limits:TenantDailyTokensByTenant:{tenant}</c>; 0 = none).</summary>
    public Dictionary<string, long> TenantDailyTokensByTenant { get; } = new(StringComparer.Ordinal);
}
