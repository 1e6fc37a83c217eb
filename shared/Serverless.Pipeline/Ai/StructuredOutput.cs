using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Serverless.Pipeline.Ai;

/// <summary>
/// Asks a chat model for JSON and validates it: an invalid answer is sent back with the reason and asked
/// again, up to <see cref="MaxAttempts"/> answers in all; then the step fails (fatal). Provider errors
/// are classified as transient (429, 5xx, network) or fatal (other 4xx).
/// </summary>
internal static class StructuredOutput
{
    public const int MaxAttempts = 3;

    public static string StripFences(string answer)
    {
        var text = answer.Trim();
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = text.IndexOf('\n', StringComparison.Ordinal);
            var lastFence = text.LastIndexOf("```", StringComparison.Ordinal);
            if (firstLine > 0 && lastFence > firstLine)
            {
                text = text[(firstLine + 1)..lastFence].Trim();
            }
        }

        return text;
    }

    /// <summary>Calls the model until <paramref name="validate"/> returns null (valid). Returns the valid answer, the attempts and the usage summed over them.</summary>
    public static async Task<(string Answer, int Attempts, long InputTokens, long OutputTokens)> AskAsync(
        IChatClient chat, List<ChatMessage> messages, ChatOptions options, ResolvedRoute route, Func<string, string?> validate, ILogger logger, CancellationToken cancellationToken)
    {
        var step = route.Step.ToString();
        long input = 0, output = 0;
        string? reason = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var response = await CallAsync(chat, messages, options, step, cancellationToken).ConfigureAwait(false);
            input += response.Usage?.InputTokenCount ?? 0;
            output += response.Usage?.OutputTokenCount ?? 0;
            var answer = response.Text;
            reason = validate(answer);
            if (reason is null)
            {
                return (answer, attempt, input, output);
            }

            PipelineLog.InvalidAnswer(logger, step, attempt, route.Provider, route.Model, reason);
            messages.Add(new ChatMessage(ChatRole.Assistant, answer));
            messages.Add(new ChatMessage(ChatRole.User, $"That answer is invalid: {reason}. Answer again with only the JSON object the instructions describe."));
        }

        throw new StepFailedException(StepErrorCodes.ModelOutputInvalid, $"{step}: the model's answer was invalid {MaxAttempts} times (last: {reason}).", isTransient: false);
    }

    private static async Task<ChatResponse> CallAsync(IChatClient chat, List<ChatMessage> messages, ChatOptions options, string step, CancellationToken cancellationToken)
    {
        try
        {
            return await chat.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ClientResultException e)
        {
            var transient = e.Status is 0 or 408 or 429 or >= 500;
            var code = transient ? StepErrorCodes.ProviderUnavailable : StepErrorCodes.ProviderRejected;
            throw new StepFailedException(code, $"{step}: the model provider answered {e.Status}.", transient, e);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new StepFailedException(StepErrorCodes.ProviderUnavailable, $"{step}: the model provider could not be reached ({e.GetType().Name}).", isTransient: true, e);
        }
    }
}
