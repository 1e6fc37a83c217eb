using System.Net.Http.Json;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Inference;

namespace Serverless.Pipeline.Classification;

/// <summary>
/// Classification by the inference app's <c>POST /v1/classify</c>, sending the taxonomy with the text (each
/// label's example phrases and documents followed by the tenant's reviewed documents of that label, <see cref="ReviewExampleScope"/>);
/// the answer is validated like a model's.
/// </summary>
public sealed class InferenceClassifier(HttpClient http, ResolvedRoute route, Taxonomy taxonomy, PipelineLimits limits, CostCalculator cost) : IClassifier
{
    public ResolvedRoute Route => route;

    public string PromptVersion => "inference-classify";

    public async Task<ClassificationResult> ClassifyAsync(string text, CancellationToken cancellationToken)
    {
        var body = new ClassifyRequest(
            ModelInput.Cap(text, limits),
            [.. taxonomy.Labels.Select(l => new ClassifyLabel(l.Name, l.Description, [.. l.TrainingTexts.Concat(ReviewExampleScope.Examples?.GetValueOrDefault(l.Name) ?? [])]))]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/classify")
        {
            Content = JsonContent.Create(body, InferenceJsonContext.Default.ClassifyRequest),
        };
        var response = await InferenceHttp.SendAsync(http, request, InferenceJsonContext.Default.ClassifyResponse, "classify", cancellationToken).ConfigureAwait(false);

        if (taxonomy.Find(response.Label) is not { } label || response.Confidence is < 0 or > 1 or double.NaN)
        {
            throw new StepFailedException(StepErrorCodes.ModelOutputInvalid, "classify: the inference app answered a label outside the taxonomy or a confidence outside 0..1.", isTransient: false);
        }

        var model = string.IsNullOrEmpty(response.Model) ? route.Model : response.Model;
        var served = route with { Model = model };
        var usage = cost.Usage(nameof(AiStep.Classify), route.Provider, model, response.Usage?.PromptTokens ?? 0, response.Usage?.CompletionTokens ?? 0);
        var rationale = string.IsNullOrWhiteSpace(response.Rationale) ? $"Highest lexical score for '{label.Name}'." : response.Rationale;
        return new ClassificationResult(label.Name, response.Confidence, rationale, served, usage, 1);
    }
}
