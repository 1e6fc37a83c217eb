using Serverless.Testing;

namespace Serverless.Inference.Tests.Support;

/// <summary>The inference app most tests share: default limits, an API key, both OCR engines.</summary>
public sealed class SharedInferenceApp() : InferenceAppFixture(Settings)
{
    public const string Key = "test-api-key";

    private static readonly Dictionary<string, string?> Settings = new() { ["Inference:ApiKey"] = Key };
}
