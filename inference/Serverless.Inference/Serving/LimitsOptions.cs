using System.ComponentModel.DataAnnotations;

namespace Serverless.Inference.Serving;

internal sealed class LimitsOptions
{
    public const string SectionName = "Inference:Limits";

    [Range(1024, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 50L * 1024 * 1024;

    [Range(1, 10_000)]
    public int MaxPages { get; set; } = 50;

    [Range(1, long.MaxValue)]
    public long MaxPixelsPerPage { get; set; } = 40_000_000;

    /// <summary>
    /// Most pixels decoded in this process for one request: a multi-page TIFF's frames together (one byte
    /// each). PDF pages and single images are decoded by tesseract, pdfimages or pdftoppm, a page at a time.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxDecodedPixelsPerRequest { get; set; } = 200_000_000;

    /// <summary>Most bytes a PDF's Flate streams (images excepted) may inflate to; measured by streaming before the PDF is parsed.</summary>
    [Range(1, long.MaxValue)]
    public long MaxDecompressedBytes { get; set; } = 64L * 1024 * 1024;

    [Range(1, int.MaxValue)]
    public int MaxTextCharacters { get; set; } = 1_000_000;

    [Range(1, 100_000)]
    public int MaxEmbeddingInputs { get; set; } = 2048;
}
