using System.Net.Http.Json;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Inference;

namespace Serverless.Pipeline.Summarization;

/// <summary>Extractive summary by the inference app's <c>POST /v1/summarize</c> (for offline and confidential work).</summary>
public sealed class InferenceSummarizer(HttpClient http, ResolvedRoute route, PipelineLimits limits, CostCalculator cost) : ISummarizer
{
    public ResolvedRoute Route => route;

    public string PromptVersion => "inference-summarize";

    public async Task<SummaryResult> SummarizeAsync(string text, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/summarize")
        {
            Content = JsonContent.Create(new SummarizeRequest(ModelInput.Cap(text, limits), limits.MaxSummaryTokens), InferenceJsonContext.Default.SummarizeRequest),
        };
        var response = await InferenceHttp.SendAsync(http, request, InferenceJsonContext.Default.SummarizeResponse, "summarize", cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(response.Summary))
        {
            throw new StepFailedException(StepErrorCodes.ModelOutputInvalid, "summarize: the inference app answered an empty summary.", isTransient: false);
        }

        var model = string.IsNullOrEmpty(response.Model) ? route.Model : response.Model;
        var usage = cost.Usage(nameof(AiStep.Summarize), route.Provider, model, response.Usage?.PromptTokens ?? 0, response.Usage?.CompletionTokens ?? 0);
        return new SummaryResult(response.Summary, route with { Model = model }, usage);
    }
}
