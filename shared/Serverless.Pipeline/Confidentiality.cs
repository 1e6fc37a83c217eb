namespace Serverless.Pipeline;

/// <summary>
/// One reading of the "confidential" mark for every entry point (upload form field, blob metadata, queue
/// message field): true, yes, 1 or on (any case) mean confidential; anything else does not.
/// </summary>
public static class Confidentiality
{
    /// <summary>The name of the form field, blob metadata key and message field.</summary>
    public const string Key = "confidential";

    public static bool IsMarked(string? value) =>
        value?.Trim().ToLowerInvariant() is "true" or "yes" or "1" or "on";

    /// <summary>True when <paramref name="metadata"/> (case-insensitive keys) marks the document confidential.</summary>
    public static bool IsMarked(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is not null && metadata.Any(p => string.Equals(p.Key, Key, StringComparison.OrdinalIgnoreCase) && IsMarked(p.Value));
}
