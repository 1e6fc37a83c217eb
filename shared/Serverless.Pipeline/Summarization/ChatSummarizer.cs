using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Prompts;

namespace Serverless.Pipeline.Summarization;

/// <summary>Prompt-based summary over an <see cref="IChatClient"/>; the answer is JSON <c>{"summary": "..."}</c>, validated.</summary>
public sealed class ChatSummarizer(IChatClient chat, ResolvedRoute route, PipelineLimits limits, CostCalculator cost, ILogger logger) : ISummarizer
{
    private static readonly PromptTemplate Prompt = PromptLibrary.Load(PromptLibrary.Summarize);

    private const string Schema = """{"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"],"additionalProperties":false}""";

    public ResolvedRoute Route => route;

    public string PromptVersion => Prompt.Name + "." + Prompt.Version;

    public async Task<SummaryResult> SummarizeAsync(string text, CancellationToken cancellationToken)
    {
        var maxWords = Math.Max(20, limits.MaxSummaryTokens * 2 / 3);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, Prompt.Render(new Dictionary<string, string> { ["maxWords"] = maxWords.ToString(CultureInfo.InvariantCulture) })),
            new(ChatRole.User, ModelInput.Fenced(text, limits)),
        ];
        var options = new ChatOptions
        {
            ModelId = route.Model,
            MaxOutputTokens = limits.MaxSummaryTokens,
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(Schema).RootElement, "summary", "A faithful summary."),
        };

        string summary = "";
        var (_, attempts, input, output) = await StructuredOutput.AskAsync(chat, messages, options, route, answer => Validate(answer, out summary), logger, cancellationToken).ConfigureAwait(false);
        var usage = cost.Usage(nameof(AiStep.Summarize), route.Provider, route.Model, input, output) with { Calls = attempts };
        return new SummaryResult(summary, route, usage);
    }

    private static string? Validate(string answer, out string summary)
    {
        summary = "";
        try
        {
            using var json = JsonDocument.Parse(StructuredOutput.StripFences(answer));
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(s.GetString()))
            {
                summary = s.GetString()!.Trim();
                return null;
            }

            return "summary is missing or empty";
        }
        catch (JsonException)
        {
            return "the answer is not valid JSON";
        }
    }
}
