using Serverless.Testing;
using Shouldly;

namespace Serverless.Durable.Tests;

public sealed class BasicTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Sequence_ThreeActivities_CompletesWithOutputs()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, TestWorkflows.Register);

        string[] names = ["Tokyo", "Seattle", "London"];

        var result = await host.RunAsync("Sequence", names);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, result.FailureDetails?.ToString());
        result.ReadOutputAs<List<string>>().ShouldBe(["Hello Tokyo!", "Hello Seattle!", "Hello London!"]);
    }

    [Fact]
    public async Task FanOut_FiftyActivities_SumsResults()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, TestWorkflows.Register);

        var result = await host.RunAsync("FanOut", 50);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, result.FailureDetails?.ToString());
        result.ReadOutputAs<int>().ShouldBe(50 * 51);
    }
}
