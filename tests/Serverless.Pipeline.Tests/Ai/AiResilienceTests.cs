using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Tests.Support;
using Shouldly;

namespace Serverless.Pipeline.Tests.Ai;

/// <summary>The resilience pipeline and the concurrency cap, through the real clients, against scripted 429s.</summary>
public sealed class AiResilienceTests : ScriptedServerTest
{
    private const string Text = "INVOICE No. 1. Total due 10.00 GBP.";


    [Fact]
    public async Task Classify_429WithRetryAfterMs_WaitsThatLongThenSucceeds()
    {
        await using var services = TestPipeline.Build(TestPipeline.Settings(Server));
        Server.Enqueue(ScriptedReply.TooManyRequests(retryAfterSeconds: "30", retryAfterMs: "400"));

        var result = await services.GetRequiredService<AiStepFactory>().Classifier(false).ClassifyAsync(Text, TestContext.Current.CancellationToken);

        result.Label.ShouldBe("invoice");
        var calls = Server.Calls;
        calls.Count.ShouldBe(2);
        (calls[1].StartedAtMs - calls[0].StartedAtMs).ShouldBeInRange(380, 5_000);
    }

    [Fact]
    public async Task Summarize_429WithRetryAfterSeconds_HonoursTheHint()
    {
        var settings = TestPipeline.Settings(Server);
        settings["Pipeline:Steps:Summarize:Provider"] = "inference";
        await using var services = TestPipeline.Build(settings);
        Server.Rule = call => call.Number == 1 ? ScriptedReply.TooManyRequests(retryAfterSeconds: "1") : null;

        await services.GetRequiredService<AiStepFactory>().Summarizer(false).SummarizeAsync(Text, TestContext.Current.CancellationToken);

        var calls = Server.CallsTo("/v1/summarize");
        calls.Count.ShouldBe(2);
        (calls[1].StartedAtMs - calls[0].StartedAtMs).ShouldBeGreaterThanOrEqualTo(950);
    }

    [Fact]
    public async Task Classify_429Persists_TransientFailureAfterBoundedAttempts()
    {
        var settings = TestPipeline.Settings(Server);
        settings["Pipeline:Resilience:MaxRetryAttempts"] = "2";
        await using var services = TestPipeline.Build(settings);
        Server.Rule = _ => ScriptedReply.TooManyRequests(retryAfterSeconds: "0", retryAfterMs: "10");

        var error = await Should.ThrowAsync<StepFailedException>(() => services.GetRequiredService<AiStepFactory>().Classifier(false).ClassifyAsync(Text, TestContext.Current.CancellationToken));

        error.IsTransient.ShouldBeTrue();
        error.Code.ShouldBe(StepErrorCodes.ProviderUnavailable);
        Server.Calls.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Classify_429StormUnderConcurrency_AllCompleteAndInFlightNeverExceedsTheCap()
    {
        const int cap = 2;
        var settings = TestPipeline.Settings(Server);
        settings["Pipeline:Providers:llm:MaxConcurrency"] = $"{cap}";
        settings["Pipeline:Resilience:MaxRetryAttempts"] = "15";
        await using var services = TestPipeline.Build(settings);
        var random = new Random(6);
        Server.Latency = TimeSpan.FromMilliseconds(20);
        Server.Rule = _ =>
        {
            lock (random)
            {
                return random.NextDouble() < 0.6 ? ScriptedReply.TooManyRequests(retryAfterSeconds: "1", retryAfterMs: "25") : null;
            }
        };
        var factory = services.GetRequiredService<AiStepFactory>();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => factory.Classifier(false).ClassifyAsync(Text, TestContext.Current.CancellationToken)));

        results.ShouldAllBe(r => r.Label == "invoice");
        Server.MaxInFlight.ShouldBeLessThanOrEqualTo(cap);
        Server.MaxInFlight.ShouldBe(cap);
        Server.Calls.Count.ShouldBeGreaterThan(12);
        TestContext.Current.SendDiagnosticMessage($"429 storm: 12 classifications, {Server.Calls.Count} HTTP calls, max in flight {Server.MaxInFlight} (cap {cap})");
    }

    [Fact]
    public async Task Classify_WithinRequestKeyScope_EveryAttemptCarriesTheKey()
    {
        await using var services = TestPipeline.Build(TestPipeline.Settings(Server));
        Server.Enqueue(ScriptedReply.TooManyRequests(retryAfterSeconds: "0", retryAfterMs: "10"));

        using (AiCallContext.Begin("wf-42:classify"))
        {
            await services.GetRequiredService<AiStepFactory>().Classifier(false).ClassifyAsync(Text, TestContext.Current.CancellationToken);
        }

        Server.Calls.Count.ShouldBe(2);
        Server.Calls.ShouldAllBe(c => c.Headers["x-request-key"] == "wf-42:classify");
        AiCallContext.RequestKey.ShouldBeNull();
    }

    [Fact]
    public async Task Classify_AttemptOutlivesItsTimeout_RetriedThenTransientFailure()
    {
        var settings = TestPipeline.Settings(Server);
        settings["Pipeline:Resilience:AttemptTimeout"] = "00:00:00.200";
        settings["Pipeline:Resilience:MaxRetryAttempts"] = "1";
        await using var services = TestPipeline.Build(settings);
        Server.Latency = TimeSpan.FromSeconds(2);

        var error = await Should.ThrowAsync<StepFailedException>(() => services.GetRequiredService<AiStepFactory>().Classifier(false).ClassifyAsync(Text, TestContext.Current.CancellationToken));

        error.IsTransient.ShouldBeTrue();
        Server.Calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Classify_ServerKeepsFailing_CircuitOpensAndStopsCallingIt()
    {
        var settings = TestPipeline.Settings(Server);
        settings["Pipeline:Resilience:MaxRetryAttempts"] = "0";
        settings["Pipeline:Resilience:BreakerMinimumThroughput"] = "3";
        settings["Pipeline:Resilience:BreakerFailureRatio"] = "0.5";
        await using var services = TestPipeline.Build(settings);
        Server.Rule = _ => new ScriptedReply(503);
        var classifier = services.GetRequiredService<AiStepFactory>().Classifier(false);

        var errors = new List<StepFailedException>();
        for (var i = 0; i < 8; i++)
        {
            errors.Add(await Should.ThrowAsync<StepFailedException>(() => classifier.ClassifyAsync(Text, TestContext.Current.CancellationToken)));
        }

        errors.ShouldAllBe(e => e.IsTransient);
        Server.Calls.Count.ShouldBe(3);
        errors[^1].InnerException.ShouldBeOfType<Polly.CircuitBreaker.BrokenCircuitException>();
    }

    [Fact]
    public async Task Classify_RetryAfterLongerThanTheCap_FailsTransientlyWithoutRetryingSooner()
    {
        var settings = TestPipeline.Settings(Server);
        settings["Pipeline:Resilience:MaxRetryAfter"] = "00:00:05";
        await using var services = TestPipeline.Build(settings);
        Server.Rule = _ => ScriptedReply.TooManyRequests(retryAfterSeconds: "120");

        var error = await Should.ThrowAsync<StepFailedException>(() => services.GetRequiredService<AiStepFactory>().Classifier(false).ClassifyAsync(Text, TestContext.Current.CancellationToken));

        error.IsTransient.ShouldBeTrue();
        Server.Calls.Count.ShouldBe(1);
    }
}
