using Microsoft.Extensions.Options;
using Serverless.Inference.Serving;
using Serverless.Inference.Summarization;
using Serverless.Inference.Text;

namespace Serverless.Inference.Classification;

internal static class ClassifyEndpoints
{
    public const int MaxLabels = 200;

    public static RouteGroupBuilder MapClassify(this RouteGroupBuilder v1)
    {
        v1.MapPost("/" + EndpointNames.Classify, Classify)
            .WithName("Classify")
            .WithSummary("Classify a text into one label of the taxonomy sent with the request.")
            .WithDescription("The local stand-in for an Azure OpenAI classification prompt. Each label has a 'name', a 'description' and optional 'examples' (phrases, or whole reviewed documents); the answer names the label, its calibrated confidence, every label's score and a rationale. 'model' chooses serverless-hybrid-classifier-v1 (default: arctic-embed similarity to descriptions and examples plus the lexical score, instruction-like sentences ignored) or serverless-lexical-classifier-v1 (lexical only, the earlier model).")
            .Accepts<ClassifyRequest>("application/json")
            .Produces<ClassifyResponse>()
            .ProducesModelProblems();
        return v1;
    }

    private static async Task<ClassifyResponse> Classify(ClassifyRequest request, HybridClassifier hybrid, TokenCounter tokens, InferenceMetrics metrics, IOptions<LimitsOptions> limits, CancellationToken cancellationToken)
    {
        var text = TextRequests.RequireText(request.Text, limits.Value);
        if (request.Labels is not { Count: > 0 } labels)
        {
            throw ProblemException.BadRequest("invalid-labels", "'labels' must list at least one label.");
        }

        if (labels.Count > MaxLabels)
        {
            throw ProblemException.TooLarge("too-many-labels", $"'labels' has {labels.Count} entries; at most {MaxLabels} are accepted.");
        }

        if (labels.Any(l => string.IsNullOrWhiteSpace(l?.Name)))
        {
            throw ProblemException.BadRequest("invalid-labels", "every label needs a non-blank 'name'.");
        }

        var duplicate = labels.GroupBy(l => l.Name!, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw ProblemException.BadRequest("invalid-labels", $"label '{duplicate.Key}' appears more than once.");
        }

        var taxonomy = labels.Select(l => (l.Name!, l.Description ?? "", (IReadOnlyList<string>)(l.Examples ?? []))).ToList();
        var (result, model) = request.Model switch
        {
            null or "" or HybridClassifier.ModelName => (await hybrid.ClassifyAsync(text, taxonomy, cancellationToken), HybridClassifier.ModelName),
            LexicalClassifier.ModelName => (LexicalClassifier.Classify(text, taxonomy), LexicalClassifier.ModelName),
            _ => throw ProblemException.BadRequest("unknown-model", $"'model' must be {HybridClassifier.ModelName} (default) or {LexicalClassifier.ModelName}."),
        };
        // What the model reads for this document: its text and the labels. The examples are training data: embedded and
        // trained on once per replica and kept (a taxonomy may ship with dozens of example documents), not read per call.
        var prompt = tokens.Count(text) + labels.Sum(l => tokens.Count(l.Name!) + tokens.Count(l.Description ?? ""));
        metrics.RecordTokens(EndpointNames.Classify, prompt, 0);
        return new ClassifyResponse(result.Label, result.Confidence, result.Rationale, model, result.Scores, new Usage(prompt, 0, prompt));
    }
}
