using System.ComponentModel.DataAnnotations;

namespace Serverless.Pipeline.Ai;

/// <summary>One AI provider: where it is, how to authenticate, whether it is a cloud service, how many calls may be in flight.</summary>
public sealed class AiProviderOptions
{
    [Required]
    public ProviderKind Kind { get; set; } = ProviderKind.OpenAI;

    /// <summary>Base address: the inference app's root, an OpenAI-compatible base (…/v1), or the Azure OpenAI resource.</summary>
    [Required]
    public Uri? Endpoint { get; set; }

    /// <summary>API key (sent as a bearer token, or api-key for Azure and the inference app). Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Azure OpenAI only: authenticate with DefaultAzureCredential instead of a key.</summary>
    public bool UseManagedIdentity { get; set; }

    /// <summary>True for a provider outside our trust boundary: confidential documents never reach it.</summary>
    public bool IsCloud { get; set; }

    /// <summary>Most text calls (summarise, classify, embed) in flight to this provider from this process.</summary>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Most OCR calls in flight to this provider from this process: a lane of its own, so text calls never queue behind scans.</summary>
    [Range(1, 1024)]
    public int MaxOcrConcurrency { get; set; } = 2;
}
