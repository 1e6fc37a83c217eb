namespace Serverless.Pipeline.Tests.Support;

/// <summary>What the scripted server answers to one call: a status, the chat content (for 200 chat calls) and extra headers.</summary>
public sealed record ScriptedReply(int Status, string? Content = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ScriptedReply Chat(string content) => new(200, content);

    public static ScriptedReply TooManyRequests(string retryAfterSeconds = "1", string? retryAfterMs = null)
    {
        var headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds };
        if (retryAfterMs is not null)
        {
            headers["retry-after-ms"] = retryAfterMs;
        }

        return new(429, null, headers);
    }
}
