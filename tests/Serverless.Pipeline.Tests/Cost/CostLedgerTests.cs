using Microsoft.Extensions.Options;
using Serverless.Pipeline.Cost;
using Shouldly;

namespace Serverless.Pipeline.Tests.Cost;

public sealed class CostLedgerTests
{
    private static readonly CostCalculator Calculator = new(Options.Create(new PipelineOptions
    {
        Pricing = new(StringComparer.OrdinalIgnoreCase)
        {
            ["gpt-4o-mini"] = new ModelPrice { InputPer1K = 0.15m, OutputPer1K = 0.60m },
            ["text-embedding-3-small"] = new ModelPrice { InputPer1K = 0.02m },
        },
    }));

    [Fact]
    public void Price_PerThousandTokensInAndOut()
    {
        Calculator.Price("gpt-4o-mini", 2000, 500).ShouldBe(0.30m + 0.30m);
        Calculator.Price("GPT-4O-MINI", 1000, 0).ShouldBe(0.15m);
        Calculator.Price("self-hosted", 1_000_000, 1_000_000).ShouldBe(0m);
    }

    [Fact]
    public void Ledger_SumsPerStepWorkflowTenantAndModel()
    {
        var ledger = new CostLedger();
        ledger.Record("t1", "wf1", "classify", Calculator.Usage("Classify", "azure", "gpt-4o-mini", 1000, 100));
        ledger.Record("t1", "wf1", "embed:0", Calculator.Usage("Embed", "azure", "text-embedding-3-small", 5000, 0));
        ledger.Record("t1", "wf1", "embed:1", Calculator.Usage("Embed", "azure", "text-embedding-3-small", 5000, 0));
        ledger.Record("t1", "wf2", "classify", Calculator.Usage("Classify", "azure", "gpt-4o-mini", 1000, 100));
        ledger.Record("t2", "wf3", "classify", Calculator.Usage("Classify", "llm", "local-llm", 1000, 100));

        ledger.ByStep("wf1")["Embed"].InputTokens.ShouldBe(10_000);
        ledger.ByStep("wf1")["Embed"].Cost.ShouldBe(0.2m);
        ledger.ByStep("wf1")["Embed"].Calls.ShouldBe(2);
        ledger.ByWorkflow()["wf1"].Cost.ShouldBe(0.15m + 0.06m + 0.2m);
        ledger.ByTenant()["t1"].Cost.ShouldBe((2 * 0.21m) + 0.2m);
        ledger.ByTenant()["t2"].Cost.ShouldBe(0m);
        ledger.ByModel()["gpt-4o-mini"].OutputTokens.ShouldBe(200);
        ledger.Total().InputTokens.ShouldBe(13_000);
    }

    [Fact]
    public void Record_SameKeyTwice_CountsOnce()
    {
        var ledger = new CostLedger();
        var usage = Calculator.Usage("Classify", "azure", "gpt-4o-mini", 1000, 100);

        ledger.Record("t1", "wf1", "classify", usage).ShouldBeTrue();
        ledger.Record("t1", "wf1", "classify", usage).ShouldBeFalse();

        ledger.Total().Cost.ShouldBe(0.21m);
    }
}
