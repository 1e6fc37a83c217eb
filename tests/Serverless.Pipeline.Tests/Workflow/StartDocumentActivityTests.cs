using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Caching;
using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Results;
using Serverless.Pipeline.Tests.Support;
using Serverless.Pipeline.Workflow;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Pipeline.Tests.Workflow;

/// <summary>Reuse of a result for the same bytes never downgrades a request's confidentiality (Azurite registry and results).</summary>
public sealed class StartDocumentActivityTests(AzuriteFixture azurite) : PipelineTest(azurite.ConnectionString)
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly string _results = TestNames.Unique("results");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(false, true, false)]
    [InlineData(true, true, true)]
    [InlineData(true, false, true)]
    public async Task SameBytes_ReusesTheResult_OnlyWhenItIsAtLeastAsConfidential(bool firstConfidential, bool secondConfidential, bool reused)
    {
        await CompleteFirstRunAsync(firstConfidential);

        var plan = await Activity().RunAsync(new Context("acme~second"), Input(secondConfidential));

        plan.Claimed.ShouldBeFalse();
        if (reused)
        {
            plan.Existing.ShouldNotBeNull().WorkflowId.ShouldBe("acme~first");
        }
        else
        {
            plan.Existing.ShouldBeNull("a confidential request must run on the confidential routes, not reuse a cloud-routed result");
        }
    }

    private async Task CompleteFirstRunAsync(bool confidential)
    {
        var registry = Services.GetRequiredService<DocumentRegistry>();
        (await registry.ClaimAsync("acme", Sha, "acme~first", Ct)).Claimed.ShouldBeTrue();
        var result = new DocumentResult
        {
            Tenant = "acme",
            WorkflowId = "acme~first",
            DocumentId = Sha,
            ContentHash = Sha,
            Confidential = confidential,
            Steps = [new StepRecord("summarize", confidential ? "llm" : "azure", "m", 10, 5, 0.01m, Cached: false, 12)],
        };
        var container = Services.GetRequiredService<PipelineStorage>().Container(_results);
        await container.CreateIfNotExistsAsync(cancellationToken: Ct);
        await container.GetBlobClient("acme/first.json").UploadAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(result, PipelineJsonContext.Default.DocumentResult)), Ct);
        await registry.CompleteAsync("acme", Sha, "acme~first", "acme/first.json", Ct);
    }

    private StartDocumentActivity Activity() => new(
        Services.GetRequiredService<DocumentRegistry>(),
        Services.GetRequiredService<TenantBudget>(),
        Services.GetRequiredService<PipelineStorage>(),
        Services.GetRequiredService<Taxonomy>(),
        Services.GetRequiredService<IOptions<PipelineOptions>>(),
        Options.Create(new DocumentWorkflowOptions { ResultsContainer = _results }));

    private static DocumentPipelineInput Input(bool confidential) => new("acme", "uploads", "acme/doc.txt", Sha) { Confidential = confidential };

    private sealed class Context(string instanceId) : TaskActivityContext
    {
        public override TaskName Name => nameof(StartDocumentActivity);

        public override string InstanceId => instanceId;
    }
}
