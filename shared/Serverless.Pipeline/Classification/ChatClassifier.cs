using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Prompts;

namespace Serverless.Pipeline.Classification;

/// <summary>Prompt-based classification over an <see cref="IChatClient"/> with schema-constrained, validated JSON output.</summary>
public sealed class ChatClassifier(IChatClient chat, ResolvedRoute route, Taxonomy taxonomy, PipelineLimits limits, CostCalculator cost, ILogger logger) : IClassifier
{
    private static readonly PromptTemplate Prompt = PromptLibrary.Load(PromptLibrary.Classify);

    public ResolvedRoute Route => route;

    public string PromptVersion => Prompt.Name + "." + Prompt.Version;

    public async Task<ClassificationResult> ClassifyAsync(string text, CancellationToken cancellationToken)
    {
        var labels = string.Join('\n', taxonomy.Labels.Select(l => $"- {l.Name}: {l.Description}"));
        List<ChatMessage> messages =
        [
            new(ChatRole.System, Prompt.Render(new Dictionary<string, string> { ["labels"] = labels })),
            new(ChatRole.User, ModelInput.Fenced(Defused(text), limits)),
        ];
        var options = new ChatOptions
        {
            ModelId = route.Model,
            MaxOutputTokens = limits.MaxClassificationTokens,
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(
                JsonDocument.Parse(ClassificationValidator.Schema(taxonomy)).RootElement, "classification", "A label from the taxonomy, a confidence and a short rationale."),
        };

        (string Label, double Confidence, string Rationale) value = default;
        var (_, attempts, input, output) = await StructuredOutput.AskAsync(
            chat, messages, options, route, answer => ClassificationValidator.Validate(answer, taxonomy, out value), logger, cancellationToken).ConfigureAwait(false);

        var usage = cost.Usage(nameof(AiStep.Classify), route.Provider, route.Model, input, output) with { Calls = attempts };
        return new ClassificationResult(value.Label!, value.Confidence, value.Rationale!, route, usage, attempts);
    }

    /// <summary>The document's text with the data block's markers broken, so that the document cannot close its own block and speak as the prompt.</summary>
    internal static string Defused(string text) =>
        text.Replace("<<<", "< < <", StringComparison.Ordinal).Replace(">>>", "> > >", StringComparison.Ordinal);
}
