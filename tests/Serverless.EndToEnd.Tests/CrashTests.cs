using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Serverless.EndToEnd.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.EndToEnd.Tests;

/// <summary>
/// G1 with real process kills: many documents in flight on the DurableTask.AzureStorage engine, the local host
/// SIGKILLed three times and started again on the same task hub. Every workflow must complete with a correct
/// result, an AI call is repeated only where the process died between its answer and its commit, and nothing
/// is left in a poison queue.
/// </summary>
public sealed class CrashTests(AzuriteFixture azurite, SharedInferenceApp inference)
{
    private const int Documents = 50;
    private const int Kills = 3;
    private const int ProviderConcurrency = 4;
    private static readonly string[] AiSteps = ["summarize", "classify", "embed-0"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FiftyDocumentsInFlight_LocalHostKilledThreeTimes_EveryWorkflowCompletesAndNoCommittedCallIsBilledAgain()
    {
        await using var env = await PipelineEnvironment.StartAsync(azurite, inference, s =>
        {
            // What a dead worker held comes back after these (the engine's defaults are minutes).
            s["AzureFunctionsJobHost:extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:10";
            s["AzureFunctionsJobHost:extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:00:10";
            s["Pipeline:Providers:inference:MaxConcurrency"] = ProviderConcurrency.ToString(CultureInfo.InvariantCulture);
            s["App:RateLimitPermits"] = "100000";
        }, Ct);
        var ids = new List<string>();
        for (var i = 0; i < Documents; i++)
        {
            var text = Encoding.UTF8.GetBytes(Document(i));
            (await env.UploadAsync(text, $"note-{i}.txt", $"crash-{i}", Ct)).Status.ShouldBe(System.Net.HttpStatusCode.Accepted);
            ids.Add(PipelineEnvironment.InstanceId($"crash-{i}"));
        }

        // Kill while work is in flight: after roughly a fifth, two fifths and three fifths have completed.
        for (var kill = 1; kill <= Kills; kill++)
        {
            var target = kill * Documents / (Kills + 2);
            await WaitForCompletedAsync(env, target);
            env.App.Kill();
            await env.StartAppAsync(Ct);
        }

        var repeated = 0;
        foreach (var id in ids)
        {
            var done = await env.WaitAsync(id, Ct);
            ((string?)done["runtimeStatus"]).ShouldBe("Completed", done.ToJsonString());
            var output = done["output"]!;
            ((string?)output["classification"]!["label"]).ShouldNotBeNullOrWhiteSpace();
            ((int)output["chunkCount"]!).ShouldBeGreaterThan(0);
            ((string?)output["summary"]).ShouldNotBeNullOrWhiteSpace();
            foreach (var step in AiSteps)
            {
                var calls = await env.InferenceCallsAsync($"{id}:{step}", Ct);
                calls.ShouldBeGreaterThanOrEqualTo(1, $"{id} {step} was never billed");
                calls.ShouldBeLessThanOrEqualTo(1 + Kills, $"{id} {step} was billed {calls} times");
                repeated += calls - 1;
            }
        }

        // A call is paid twice only when it was in flight (answered, not yet committed) at a kill: at most the provider cap per kill.
        TestContext.Current.TestOutputHelper?.WriteLine($"{Documents} documents, {Kills} kills: {repeated} AI calls paid twice (bound {Kills * ProviderConcurrency})");
        repeated.ShouldBeLessThanOrEqualTo(Kills * ProviderConcurrency);
        foreach (var queue in new[] { env.Settings["App:ErpInboundQueue"], env.Settings["App:BlobEventsQueue"] })
        {
            var poison = env.Azurite.Queues().GetQueueClient(queue + "-poison");
            if (await poison.ExistsAsync(Ct))
            {
                (await poison.PeekMessagesAsync(1, Ct)).Value.ShouldBeEmpty($"{poison.Name} has messages");
            }
        }
    }

    private static async Task WaitForCompletedAsync(PipelineEnvironment env, int target)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        while (true)
        {
            using var response = await env.Client.GetAsync(new Uri("api/v1/workflows?runtimeStatus=Completed&top=1000&showInput=false", UriKind.Relative), timeout.Token);
            if (response.IsSuccessStatusCode
                && JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token)) is JsonArray done
                && done.Count >= target)
            {
                return;
            }

            await Task.Delay(250, timeout.Token);
        }
    }

    private static string Document(int i) =>
        $"""
        Memo {i}: quarterly maintenance of building {i % 7}

        The facilities team will inspect the heating and ventilation systems of building {i % 7} on day {i + 1}.
        Staff on floors {i % 4} and {(i % 4) + 1} should expect short interruptions between 9:00 and 11:00.
        Contact the facilities desk at extension {4000 + i} with questions about access or noise.
        Reference number FAC-{i:D4}.
        """;
}
