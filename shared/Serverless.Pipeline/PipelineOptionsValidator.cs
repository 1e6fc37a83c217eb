using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Ai;

namespace Serverless.Pipeline;

/// <summary>Checks what DataAnnotations cannot: providers have endpoints, steps name known providers, confidential routes are local.</summary>
internal sealed class PipelineOptionsValidator : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        var errors = new List<string>();
        Annotations(errors, "Pipeline:Limits", options.Limits);
        Annotations(errors, "Pipeline:Resilience", options.Resilience);
        Annotations(errors, "Pipeline:Storage", options.Storage);
        foreach (var (provider, p) in options.Providers)
        {
            Annotations(errors, $"Pipeline:Providers:{provider}", p);
            if (p.Endpoint is null || !p.Endpoint.IsAbsoluteUri)
            {
                errors.Add($"Pipeline:Providers:{provider}:Endpoint must be an absolute URI.");
            }

            if (p.MaxConcurrency < 1)
            {
                errors.Add($"Pipeline:Providers:{provider}:MaxConcurrency must be at least 1.");
            }
        }

        Check(errors, options, nameof(StepRoutingOptions.Ocr), options.Steps.Ocr, requireKind: ProviderKind.Inference);
        if (options.Steps.Ocr.Provider is { } ocr && options.Providers.TryGetValue(ocr, out var ocrProvider) && ocrProvider.IsCloud)
        {
            errors.Add("Pipeline:Steps:Ocr:Provider must not be a cloud provider: OCR sees every document, confidential ones included.");
        }

        Check(errors, options, nameof(StepRoutingOptions.Summarize), options.Steps.Summarize, requireKind: null);
        Check(errors, options, nameof(StepRoutingOptions.Classify), options.Steps.Classify, requireKind: null);
        Check(errors, options, nameof(StepRoutingOptions.Embed), options.Steps.Embed, requireKind: null);

        if (options.Limits.ChunkOverlapTokens >= options.Limits.ChunkTokens)
        {
            errors.Add("Pipeline:Limits:ChunkOverlapTokens must be smaller than Pipeline:Limits:ChunkTokens.");
        }

        if (options.Storage.VectorIndex == "AzureAISearch" && options.Storage.SearchEndpoint is null)
        {
            errors.Add("Pipeline:Storage:SearchEndpoint is required when Pipeline:Storage:VectorIndex is AzureAISearch.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Annotations(List<string> errors, string section, object value)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            errors.AddRange(results.Select(r => $"{section}:{string.Join(',', r.MemberNames)}: {r.ErrorMessage}"));
        }
    }

    private static void Check(List<string> errors, PipelineOptions options, string step, StepRouteOptions route, ProviderKind? requireKind)
    {
        if (string.IsNullOrWhiteSpace(route.Provider))
        {
            return;
        }

        foreach (var (setting, provider) in new[] { ("Provider", route.Provider), ("ConfidentialProvider", route.ConfidentialProvider) })
        {
            if (provider is null)
            {
                continue;
            }

            if (!options.Providers.TryGetValue(provider, out var p))
            {
                errors.Add($"Pipeline:Steps:{step}:{setting} names '{provider}', which is not in Pipeline:Providers.");
            }
            else if (requireKind is { } kind && p.Kind != kind)
            {
                errors.Add($"Pipeline:Steps:{step}:{setting} must name a provider of kind {kind}.");
            }
            else if (setting == "ConfidentialProvider" && p.IsCloud)
            {
                errors.Add($"Pipeline:Steps:{step}:ConfidentialProvider must not be a cloud provider.");
            }
        }

        if (options.Providers.TryGetValue(route.Provider, out var primary) && primary.Kind != ProviderKind.Inference && string.IsNullOrWhiteSpace(route.Model))
        {
            errors.Add($"Pipeline:Steps:{step}:Model is required for provider '{route.Provider}'.");
        }
    }
}
