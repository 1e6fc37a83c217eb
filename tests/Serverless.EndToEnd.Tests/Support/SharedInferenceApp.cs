using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Support;

/// <summary>One real inference app for the whole assembly; tests tell their calls apart by the request keys (instance ids are unique).</summary>
public sealed class SharedInferenceApp : InferenceAppFixture
{
    public SharedInferenceApp()
        : base(new Dictionary<string, string?> { ["Inference:Ocr:PaddleEnabled"] = "false", ["Inference:TestHooks:RequestKeys"] = "true" })
    {
    }
}
