using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Pipeline.Ai;

/// <summary>
/// Picks the provider and model for a step. A confidential document never reaches a provider marked
/// <see cref="AiProviderOptions.IsCloud"/>: it goes to the step's confidential route, and when that is
/// missing or also a cloud provider the step fails (fatal) rather than leak.
/// </summary>
public sealed class ProviderRouter(IOptions<PipelineOptions> options, ILogger<ProviderRouter> logger)
{
    /// <summary>The route of <paramref name="step"/> for a document.</summary>
    /// <exception cref="StepFailedException">No route is configured, or no non-cloud route exists for a confidential document.</exception>
    public ResolvedRoute Resolve(AiStep step, bool confidential)
    {
        var config = step switch
        {
            AiStep.Ocr => options.Value.Steps.Ocr,
            AiStep.Summarize => options.Value.Steps.Summarize,
            AiStep.Classify => options.Value.Steps.Classify,
            _ => options.Value.Steps.Embed,
        };

        var primary = Build(step, config.Provider, config.Model)
            ?? throw new StepFailedException(StepErrorCodes.NotConfigured, $"Pipeline:Steps:{step}:Provider is not configured.", isTransient: false);
        if (!confidential || !primary.IsCloud)
        {
            return primary;
        }

        var local = Build(step, config.ConfidentialProvider, config.ConfidentialModel ?? config.Model);
        if (local is null || local.IsCloud)
        {
            throw new StepFailedException(
                StepErrorCodes.ConfidentialRouting,
                $"{step}: the document is confidential and Pipeline:Steps:{step}:ConfidentialProvider names no non-cloud provider.",
                isTransient: false);
        }

        PipelineLog.ConfidentialRerouted(logger, step.ToString(), local.Provider, local.Model, primary.Provider);
        return local;
    }

    private ResolvedRoute? Build(AiStep step, string? provider, string? model)
    {
        if (string.IsNullOrWhiteSpace(provider) || !options.Value.Providers.TryGetValue(provider, out var p))
        {
            return null;
        }

        return new ResolvedRoute(step, provider, p.Kind, model ?? "", p.IsCloud);
    }
}
