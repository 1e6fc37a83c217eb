using System.Text;
using Serverless.EndToEnd.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.EndToEnd.Tests;

/// <summary>G16: a 429 storm from the inference app costs time, not correctness: every workflow completes and the per-provider cap holds.</summary>
public sealed class RateLimitStormTests(AzuriteFixture azurite)
{
    private const int Cap = 2;
    private const int Documents = 6;

    [Fact]
    public async Task TooManyRequestsStorm_EveryWorkflowCompletes_AndNoMoreCallsInFlightThanTheCap()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storming = await InferenceAppFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Inference:Ocr:PaddleEnabled"] = "false",
            ["Inference:Faults:Enabled"] = "true",
            ["Inference:TestHooks:RequestKeys"] = "true",
            ["Inference:Faults:TooManyRequestsRate"] = "0.6",
            ["Inference:Faults:RetryAfterMilliseconds"] = "100",
            ["Inference:Faults:Seed"] = "16",
        });
        await using var proxy = await CountingProxy.StartAsync(storming.BaseAddress);
        await using var env = await PipelineEnvironment.StartAsync(azurite, storming, s =>
        {
            s["Pipeline:Providers:inference:Endpoint"] = proxy.BaseAddress.ToString();
            s["Pipeline:Providers:inference:MaxConcurrency"] = $"{Cap}";
        }, ct);

        for (var i = 0; i < Documents; i++)
        {
            var text = Encoding.UTF8.GetBytes($"Storm letter {i} {Guid.CreateVersion7():N}\n\nThe harbour office confirms delivery number {i} of copper fittings.\n");
            await env.UploadAsync(text, $"storm-{i}.txt", $"storm-{i}", ct);
        }

        for (var i = 0; i < Documents; i++)
        {
            var done = await env.WaitAsync(PipelineEnvironment.InstanceId($"storm-{i}"), ct);
            ((string?)done["runtimeStatus"]).ShouldBe("Completed", done.ToJsonString());
        }

        proxy.TooManyRequests.ShouldBeGreaterThan(0, "the storm must have happened");
        proxy.MaxInFlight.ShouldBeLessThanOrEqualTo(Cap);
        TestContext.Current.SendDiagnosticMessage($"storm: {proxy.Requests} requests, {proxy.TooManyRequests} answered 429, at most {proxy.MaxInFlight} in flight (cap {Cap})");
    }
}
