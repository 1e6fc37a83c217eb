using System.Text.Json;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Extraction;
using Serverless.Pipeline.Results;
using Shouldly;

namespace Serverless.Pipeline.Tests.Results;

public sealed class ResultsTests
{
    [Theory]
    [InlineData("../other", "wf")]
    [InlineData("tenant-a", "../../tenant-b/wf")]
    [InlineData("tenant-a", ".hidden")]
    [InlineData("tenant-a", "a/b")]
    [InlineData("tenant a", "wf")]
    public void BlobName_HostileNames_Refused(string tenant, string workflowId)
    {
        Should.Throw<ArgumentException>(() => ResultPaths.BlobName(tenant, workflowId));
    }

    [Fact]
    public void BlobName_StaysUnderTheTenantPrefix()
    {
        var name = ResultPaths.BlobName("tenant-a", "0194f7c2-wf.1");

        name.ShouldBe("tenant-a/0194f7c2-wf.1.json");
        name.ShouldStartWith(ResultPaths.TenantPrefix("tenant-a"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData(" YES ", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsMarked_Values(string? value, bool expected) => Confidentiality.IsMarked(value).ShouldBe(expected);

    [Fact]
    public void IsMarked_MetadataKeyAnyCase() =>
        Confidentiality.IsMarked(new Dictionary<string, string> { ["Confidential"] = "true" }).ShouldBeTrue();

    [Fact]
    public void DocumentResult_RoundTripsWithTotalsAndProviders()
    {
        var route = new ResolvedRoute(AiStep.Classify, "azure", ProviderKind.AzureOpenAI, "gpt-4o-mini", IsCloud: true);
        var result = new DocumentResult
        {
            Tenant = "tenant-a",
            WorkflowId = "wf-1",
            DocumentId = "invoice",
            ContentHash = new string('a', 64),
            Kind = DocumentKind.Pdf,
            Classification = new ClassificationResult("invoice", 0.9, "Total due.", route, new StepUsage("Classify", "azure", "gpt-4o-mini", 100, 10, 1, 0.02m), 1),
            Steps = [new StepRecord("classify", "azure", "gpt-4o-mini", 100, 10, 0.02m, Cached: false, 812), new StepRecord("embed", "inference", "snowflake-arctic-embed-xs", 500, 0, 0m, Cached: true, 3)],
        };

        var json = JsonSerializer.Serialize(result, PipelineJsonContext.Default.DocumentResult);
        var back = JsonSerializer.Deserialize(json, PipelineJsonContext.Default.DocumentResult)!;

        json.ShouldContain("\"kind\":\"Pdf\"");
        json.ShouldContain("\"provider\":\"azure\"");
        json.ShouldContain("\"cost\":0.02");
        back.InputTokens.ShouldBe(600);
        back.Cost.ShouldBe(0.02m);
        back.Classification!.Route.ShouldBe(route);
    }
}
