namespace Serverless.Pipeline.Ai;

/// <summary>
/// The logical key of the AI calls made in the current async flow (e.g. "{instanceId}:classify"). Every
/// AI HttpClient sends it as <c>x-request-key</c>, so the inference app (contract B) and test servers can count
/// billed calls per logical call, retries included.
/// </summary>
public static class AiCallContext
{
    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>The key in force, or null.</summary>
    public static string? RequestKey => Current.Value;

    /// <summary>Sets the key until the returned scope is disposed.</summary>
    public static IDisposable Begin(string requestKey)
    {
        if (string.IsNullOrWhiteSpace(requestKey) || requestKey.Length > 256 || requestKey.Any(char.IsControl))
        {
            throw new ArgumentException("A request key is 1 to 256 characters without control characters.", nameof(requestKey));
        }

        var previous = Current.Value;
        Current.Value = requestKey;
        return new Scope(previous);
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
