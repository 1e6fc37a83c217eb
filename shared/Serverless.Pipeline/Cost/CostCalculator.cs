using Microsoft.Extensions.Options;

namespace Serverless.Pipeline.Cost;

/// <summary>Prices token counts from <see cref="PipelineOptions.Pricing"/>; a model without a price costs 0 (self-hosted).</summary>
public sealed class CostCalculator(IOptions<PipelineOptions> options)
{
    public decimal Price(string model, long inputTokens, long outputTokens)
    {
        if (!options.Value.Pricing.TryGetValue(model, out var price))
        {
            return 0m;
        }

        return Math.Round((inputTokens * price.InputPer1K / 1000m) + (outputTokens * price.OutputPer1K / 1000m), 6);
    }

    /// <summary>A priced usage record of one call.</summary>
    public StepUsage Usage(string step, string provider, string model, long inputTokens, long outputTokens) =>
        new(step, provider, model, inputTokens, outputTokens, 1, Price(model, inputTokens, outputTokens));
}
