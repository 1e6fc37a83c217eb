using Serverless.Inference.Serving;

namespace Serverless.Inference.Text;

internal static class TextRequests
{
    public static string RequireText(string? text, LimitsOptions limits)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ProblemException.BadRequest("invalid-text", "'text' is required and must not be blank.");
        }

        if (text.Length > limits.MaxTextCharacters)
        {
            throw ProblemException.TooLarge("text-too-long", $"'text' has {text.Length} characters; at most {limits.MaxTextCharacters} are accepted.");
        }

        return text;
    }
}
