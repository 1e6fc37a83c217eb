using Microsoft.Extensions.Options;
using Serverless.Inference.Serving;
using Serverless.Inference.Text;

namespace Serverless.Inference.Summarization;

internal static class SummarizeEndpoints
{
    public const int DefaultMaxTokens = 150;

    public static RouteGroupBuilder MapSummarize(this RouteGroupBuilder v1)
    {
        v1.MapPost("/" + EndpointNames.Summarize, Summarize)
            .WithName("Summarize")
            .WithSummary("Extractive summary (TextRank over sentences) within a token budget; sentences keep their original order.")
            .WithDescription("The local stand-in for an Azure OpenAI summarisation prompt. 'maxTokens' (default 150, 1..4096) bounds the summary in cl100k tokens; usage counts the text as prompt tokens and the summary as completion tokens.")
            .Accepts<SummarizeRequest>("application/json")
            .Produces<SummarizeResponse>()
            .ProducesModelProblems();
        return v1;
    }

    private static SummarizeResponse Summarize(SummarizeRequest request, TextRankSummarizer summarizer, TokenCounter tokens, InferenceMetrics metrics, IOptions<LimitsOptions> limits)
    {
        var text = TextRequests.RequireText(request.Text, limits.Value);
        var maxTokens = request.MaxTokens ?? DefaultMaxTokens;
        if (maxTokens is < 1 or > 4096)
        {
            throw ProblemException.BadRequest("invalid-max-tokens", "'maxTokens' must be between 1 and 4096.");
        }

        var sentences = summarizer.Summarize(text, maxTokens);
        var summary = string.Join(' ', sentences.Select(s => s.Text));
        var prompt = tokens.Count(text);
        var completion = tokens.Count(summary);
        metrics.RecordTokens(EndpointNames.Summarize, prompt, completion);
        return new SummarizeResponse(summary, TextRankSummarizer.ModelName, sentences, new Usage(prompt, completion, prompt + completion));
    }
}
