using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Pipeline.Tests.Classification;

/// <summary>Learning from review: reviewer decisions kept per tenant on real Azurite tables and sent as examples with later classifications.</summary>
public sealed class ReviewExamplesTests(AzuriteFixture azurite) : PipelineTest(azurite.ConnectionString)
{
    private ReviewExamples Store => Services.GetRequiredService<ReviewExamples>();

    private Taxonomy Taxonomy => Services.GetRequiredService<Taxonomy>();

    [Fact]
    public async Task ForTenantAsync_OnlyThatTenantsDecisions_OnePerDocument_LatestWins()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordAsync("tenant-r1", "hash-1", "invoice", "Amount payable 120.00 within 30 days.", ct);
        await Store.RecordAsync("tenant-r1", "hash-1", "receipt", "Amount payable 120.00 within 30 days.", ct);
        await Store.RecordAsync("tenant-r1", "hash-2", "letter", "Dear Ms Smith, thank you.", ct);
        await Store.RecordAsync("tenant-r1", "hash-3", "not-a-label", "ignored", ct);
        await Store.RecordAsync("tenant-r2", "hash-9", "contract", "The parties agree.", ct);

        var examples = await Store.ForTenantAsync("tenant-r1", Taxonomy, ct);

        examples.Keys.Order().ShouldBe(["letter", "receipt"]);
        examples["receipt"].ShouldHaveSingleItem().ShouldBe("Amount payable 120.00 within 30 days.");
        (await Store.ForTenantAsync("tenant-r2", Taxonomy, ct)).Keys.ShouldBe(["contract"]);
    }

    [Fact]
    public async Task InferenceClassifier_InsideAScope_SendsTheReviewedExamplesAfterTheTaxonomysOwn()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordAsync("tenant-r3", "hash-1", "contract", "Both parties sign this lease of unit 7 for 24 months.", ct);
        var classifier = Services.GetRequiredService<AiStepFactory>().Classifier(confidential: false);

        using (ReviewExampleScope.Begin(await Store.ForTenantAsync("tenant-r3", Taxonomy, ct)))
        {
            await classifier.ClassifyAsync("A lease between landlord and tenant.", ct);
        }

        var labels = JsonNode.Parse(Server.CallsTo("/v1/classify").ShouldHaveSingleItem().Body)!["labels"]!.AsArray();
        var contract = labels.Single(l => l!["name"]!.GetValue<string>() == "contract")!["examples"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        contract[^1].ShouldBe("Both parties sign this lease of unit 7 for 24 months.");
        contract.Count.ShouldBe(Taxonomy.Find("contract")!.TrainingTexts.Count() + 1);
        contract.ShouldContain(Taxonomy.Find("contract")!.Documents![0]);
    }

    protected override void Configure(Dictionary<string, string?> settings) => settings["Pipeline:Steps:Classify:Provider"] = "inference";
}
