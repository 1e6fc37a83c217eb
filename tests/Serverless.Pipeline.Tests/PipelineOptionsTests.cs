using Microsoft.Extensions.Options;
using Serverless.Pipeline.Tests.Support;
using Shouldly;

namespace Serverless.Pipeline.Tests;

/// <summary>A misconfiguration fails at start with a message that names the setting.</summary>
public sealed class PipelineOptionsTests : ScriptedServerTest
{
    [Theory]
    [InlineData("Pipeline:Limits:MaxPages", "0", "Pipeline:Limits:MaxPages")]
    [InlineData("Pipeline:Limits:ChunkOverlapTokens", "400", "ChunkOverlapTokens must be smaller")]
    [InlineData("Pipeline:Providers:llm:MaxConcurrency", "0", "Pipeline:Providers:llm:MaxConcurrency")]
    [InlineData("Pipeline:Storage:VectorIndex", "Pinecone", "Pipeline:Storage:VectorIndex must be Embedded or AzureAISearch")]
    [InlineData("Pipeline:Steps:Classify:Model", "", "Pipeline:Steps:Classify:Model is required")]
    [InlineData("Pipeline:Steps:Ocr:Provider", "llm", "Pipeline:Steps:Ocr:Provider must name a provider of kind Inference")]
    public void Build_InvalidSetting_FailsNamingIt(string key, string value, string expected)
    {
        var settings = TestPipeline.Settings(Server);
        settings[key] = value;

        var error = Should.Throw<OptionsValidationException>(() => TestPipeline.Build(settings));

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void Build_ValidSettings_Starts()
    {
        using var services = TestPipeline.Build(TestPipeline.Settings(Server));
    }
}
