namespace Serverless.Inference.Hosting;

/// <summary>Top-level settings of the inference app (section <c>Inference</c>).</summary>
internal sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    /// <summary>When set, every <c>/v1/*</c> call needs <c>api-key</c> or <c>Authorization: Bearer</c> with this value.</summary>
    public string? ApiKey { get; set; }
}
