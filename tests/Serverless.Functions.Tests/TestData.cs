namespace Serverless.Functions.Tests;

/// <summary>The documented payloads under TestData/ (see TestData/README.md).</summary>
internal static class TestData
{
    public static string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", file));
}
