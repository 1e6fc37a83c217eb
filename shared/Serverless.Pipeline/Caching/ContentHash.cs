using System.Security.Cryptography;

namespace Serverless.Pipeline.Caching;

/// <summary>The SHA-256 of a document's bytes (lower-case hex): the identity of a document version.</summary>
public static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static async Task<string> OfAsync(Stream content, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false));

    /// <summary>True for 64 lower-case hex characters.</summary>
    public static bool IsValid(string? hash) => hash is { Length: 64 } && hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
