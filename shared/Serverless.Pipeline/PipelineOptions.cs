using System.ComponentModel.DataAnnotations;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Cost;

namespace Serverless.Pipeline;

/// <summary>The pipeline's configuration (section <see cref="SectionName"/>); validated at start.</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Tesseract language code sent with OCR calls.</summary>
    [Required]
    public string OcrLanguage { get; set; } = "eng";

    /// <summary>OCR engine of the inference app: "tesseract" or "paddle-onnx".</summary>
    [Required]
    [RegularExpression("^(tesseract|paddle-onnx)$", ErrorMessage = "Pipeline:OcrEngine must be tesseract or paddle-onnx.")]
    public string OcrEngine { get; set; } = "tesseract";

    /// <summary>When true, the same bytes uploaded again by a tenant return the existing result instead of a new billed run.</summary>
    public bool ReuseExistingResults { get; set; } = true;

    /// <summary>
    /// Below this classification confidence the workflow asks a human. 0.6: the lowest threshold at which the
    /// documents not sent to review are right at least 95% of the time on the inference classifier's hand-written
    /// calibration set (bench/Serverless.Evaluation -- --calibrate: 18% sent to review, 4 of 6 mistakes caught; 0.4 caught none).
    /// </summary>
    /// <remarks>0 sends nothing to review, 1 everything.</remarks>
    [Range(0.0, 1.0)]
    public double ReviewConfidenceThreshold { get; set; } = 0.6;

    /// <summary>A taxonomy JSON file; empty uses the built-in default taxonomy.</summary>
    public string? TaxonomyPath { get; set; }

    /// <summary>AI providers by name (the name is what steps refer to).</summary>
    [Required]
    public Dictionary<string, AiProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Which provider and model serve each step.</summary>
    [Required]
    public StepRoutingOptions Steps { get; set; } = new();

    /// <summary>Prices per 1,000 tokens, by model (or deployment) name.</summary>
    public Dictionary<string, ModelPrice> Pricing { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    [Required]
    public AiResilienceOptions Resilience { get; set; } = new();

    [Required]
    public PipelineStorageOptions Storage { get; set; } = new();

    [Required]
    public PipelineLimits Limits { get; set; } = new();
}
