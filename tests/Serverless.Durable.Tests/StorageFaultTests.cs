using System.Globalization;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Durable.Tests;

/// <summary>
/// G4: 5% of the worker's storage calls fail (500, 503, network, 412, or carried out with the response
/// lost), in front of the storage SDK's retries, so the engine sees every one. Every workflow completes with the
/// right output, no history breaks an invariant, and the worker keeps serving. Set FAULT_SEED to replay a
/// failing run (the seed is in the failure message) and FAULT_RATE to try another rate.
/// </summary>
public sealed class StorageFaultTests(AzuriteFixture azurite)
{
    /// <summary>
    /// An episode that dispatches n activities needs n sends to succeed in one attempt; the injector sits in
    /// front of the SDK's retries, so a wide fan-out at a high rate can spend all its deliveries (and fail
    /// with the poison reason, G7). 10 keeps that out of reach at 5% while still fanning in.
    /// </summary>
    private const int FanOutWidth = 10;

    private static readonly string[] After = ["after"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FivePercentStorageFaults_EveryWorkflowCompletes_InvariantsHold_WorkerKeepsServing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FAULT_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        var rate = double.TryParse(Environment.GetEnvironmentVariable("FAULT_RATE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var r) ? r : 0.05;
        var faults = new StorageFaultPolicy(seed, rate) { Enabled = false };
        var hub = TestNames.Unique("hub");
        await using var worker = await DurableTestHost.StartAsync(azurite, TestWorkflows.Register, o =>
        {
            o.ActivityVisibilityTimeout = TimeSpan.FromSeconds(3);
            o.ConfigureStorageClients = faults.AddTo;
        }, hubName: hub);

        // Starts and waits go through a second, fault-free client on the same task hub: the worker is under test.
        await using var client = await DurableTestHost.StartAsync(azurite, TestWorkflows.Register, o => o.StartWorker = false, hubName: hub);
        faults.Enabled = true;

        var names = new[] { "a", "b", "c", "d", "e" };
        var sequences = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            client.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", names, new StartOrchestrationOptions { InstanceId = $"seq-{hub}-{i}" }, Ct)));
        var fanOuts = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            client.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", FanOutWidth, new StartOrchestrationOptions { InstanceId = $"fan-{hub}-{i}" }, Ct)));

        var context = $"seed {seed}, rate {rate} (FAULT_SEED={seed} replays it)";
        foreach (var id in sequences)
        {
            var done = await client.WaitAsync(id, timeoutSeconds: 120);
            done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"{id}, {context}: {done.FailureDetails?.ErrorMessage}");
            done.ReadOutputAs<List<string>>().ShouldBe(names.Select(n => $"Hello {n}!").ToList(), context);
        }

        foreach (var id in fanOuts)
        {
            var done = await client.WaitAsync(id, timeoutSeconds: 120);
            done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"{id}, {context}: {done.FailureDetails?.ErrorMessage}");
            done.ReadOutputAs<int>().ShouldBe(FanOutWidth * (FanOutWidth + 1), context);
        }

        // The worker survived the faults: a workflow started now still completes.
        var after = await client.RunAsync("Sequence", After, timeoutSeconds: 60);
        after.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, context);

        faults.Enabled = false;
        foreach (var id in sequences.Concat(fanOuts))
        {
            await InvariantChecker.CheckAsync(client.Client, id, Ct);
        }

        faults.Faults.ShouldBeGreaterThan(20, $"too few faults to prove anything ({faults.Faults} of {faults.Calls} calls), {context}");
        faults.LostResponses.ShouldBeGreaterThan(0, context);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{context}: {faults.Calls} storage calls by the worker, {faults.Faults} faults injected ({faults.LostResponses} after the effect)");
    }
}
