using Serverless.Testing;

namespace Serverless.Cli.Tests;

/// <summary>One real inference app for the assembly (tesseract only: the CLI tests need no second OCR engine).</summary>
public sealed class CliInferenceApp : InferenceAppFixture
{
    public CliInferenceApp()
        : base(new Dictionary<string, string?> { ["Inference:Ocr:PaddleEnabled"] = "false" })
    {
    }
}
