using Serverless.Testing;

namespace Serverless.Inference.Tests.Support;

/// <summary>The inference app most tests share: default limits, an API key, both OCR engines, the request-key counters (a test hook) on.</summary>
public sealed class SharedInferenceApp() : InferenceAppFixture(Settings)
{
    public const string Key = "test-api-key";

    public const string AdminKey = "test-admin-key";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Inference:ApiKey"] = Key,
        ["Inference:TestHooks:RequestKeys"] = "true",
        ["Inference:TestHooks:AdminKey"] = AdminKey,
    };
}
