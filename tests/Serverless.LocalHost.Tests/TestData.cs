namespace Serverless.LocalHost.Tests;

/// <summary>The documented payloads under TestData/ (see TestData/README.md).</summary>
internal static class TestData
{
    public static string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", file));

    /// <summary>The content version id the app uses (lower-case hex SHA-256).</summary>
    public static string Sha(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
}
