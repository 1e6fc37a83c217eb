using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Durable.Tests;

public sealed class AuthoringTests(AzuriteFixture azurite)
{
    private static readonly ConcurrentDictionary<string, int> Attempts = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Register(DurableTaskRegistry r)
    {
        TestWorkflows.Register(r);
        r.AddActivityFunc<string, string>("Flaky", (ctx, key) =>
        {
            var n = Attempts.AddOrUpdate(key, 1, (_, v) => v + 1);
            return n < 3 ? throw new InvalidOperationException($"flaky attempt {ctx.Attempt}") : Task.FromResult($"ok after {n} (attempt {ctx.Attempt})");
        });
        r.AddActivityFunc<string, string>("Broken", (_, _) => throw new InvalidOperationException("outer", new IOException("disk full")));
        r.AddOrchestratorFunc<string, string>("Retrying", (ctx, key) =>
            ctx.CallActivityAsync<string>("Flaky", key, new TaskOptions(new RetryPolicy(5, TimeSpan.FromMilliseconds(10), 2.0))));
        r.AddOrchestratorFunc<string, string>("RetryRefused", (ctx, key) =>
            ctx.CallActivityAsync<string>("Flaky", key, new TaskOptions(new RetryPolicy(5, TimeSpan.FromMilliseconds(10)) { HandleFailure = f => !f.ErrorMessage.Contains("flaky", StringComparison.Ordinal) })));
        r.AddOrchestratorFunc<object?, TaskFailureDetails?>("CatchBroken", async (ctx, _) =>
        {
            try
            {
                await ctx.CallActivityAsync<string>("Broken");
                return null;
            }
            catch (TaskFailedException ex)
            {
                return ex.FailureDetails;
            }
        });
        r.AddOrchestratorFunc<object?, string>("Uncaught", (ctx, _) => ctx.CallActivityAsync<string>("Broken"));
        r.AddOrchestratorFunc<string, string>("Parent", async (ctx, mode) =>
        {
            try
            {
                return await ctx.CallSubOrchestratorAsync<string>(mode == "fail" ? "Uncaught" : "Child", "x", new SubOrchestrationOptions(ctx.InstanceId + "-child"));
            }
            catch (SubOrchestrationFailedException ex)
            {
                return "child failed: " + ex.FailureDetails.ErrorMessage;
            }
        });
        r.AddOrchestratorFunc<string, string>("Child", async (ctx, x) => await ctx.CallActivityAsync<string>("Hello", x) + " from " + ctx.ParentInstanceId);
        r.AddOrchestratorFunc<object?, DateTime>("LongTimer", async (ctx, _) =>
        {
            await ctx.CreateTimer(TimeSpan.FromDays(30), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        });
        r.AddOrchestratorFunc<object?, string>("EventWithTimeout", async (ctx, _) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("Approval", TimeSpan.FromHours(1));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        });
        r.AddOrchestratorFunc<object?, string>("EventAfterTimer", async (ctx, _) =>
        {
            await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            var first = await ctx.WaitForExternalEvent<string>("Data");
            var second = await ctx.WaitForExternalEvent<string>("data");
            return first + "," + second;
        });
        r.AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
        {
            ctx.SetCustomStatus(new { generation = n });
            if (n < 4)
            {
                await ctx.CallActivityAsync<int>("Double", n);
                ctx.ContinueAsNew(n + 1);
            }

            return n;
        });
        r.AddOrchestratorFunc<object?, string>("Guids", async (ctx, _) =>
        {
            var a = ctx.NewGuid();
            var echoed = await ctx.CallActivityAsync<string>("Hello", a.ToString());
            var b = ctx.NewGuid();
            ctx.SetCustomStatus("halfway");
            return $"{a}|{b}|{echoed}";
        });
        r.AddOrchestratorFunc<string[], int>("Logging", async (ctx, names) =>
        {
            var log = ctx.CreateReplaySafeLogger("Workflow");
            foreach (var name in names)
            {
#pragma warning disable CA1848 // The test needs a plain logging call.
                log.LogWarning("step {Name} replaying={Replaying}", name, ctx.IsReplaying);
#pragma warning restore CA1848
                await ctx.CallActivityAsync<string>("Hello", name);
            }

            return names.Length;
        });
        r.AddOrchestratorFunc<int, int>("Big", async (ctx, n) => (await ctx.CallActivityAsync<string>("Pad", new string('x', n))).Length);
        r.AddActivityFunc<string, string>("Pad", (_, s) => Task.FromResult(s + s));
    }

    [Fact]
    public async Task RetryPolicy_FailsTwice_SucceedsOnThirdAttempt()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);
        var key = Guid.CreateVersion7().ToString();

        var result = await host.RunAsync("Retrying", key);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, result.FailureDetails?.ToString());
        result.ReadOutputAs<string>().ShouldBe("ok after 3 (attempt 3)");
        var history = await host.Client.GetOrchestrationHistoryAsync(result.InstanceId, Ct);
        history.Count(e => e.EventType == HistoryEventType.TaskScheduled).ShouldBe(3);
        history.Count(e => e.EventType == HistoryEventType.TimerCreated).ShouldBe(2);
    }

    [Fact]
    public async Task RetryPolicy_HandleFailureSaysNo_FailsAfterOneAttempt()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);
        var key = Guid.CreateVersion7().ToString();

        var result = await host.RunAsync("RetryRefused", key);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        Attempts[key].ShouldBe(1);
        result.FailureDetails!.InnerFailure!.ErrorMessage.ShouldBe("flaky attempt 1");
    }

    [Fact]
    public async Task ActivityException_CaughtInOrchestrator_KeepsTypeMessageStackAndInner()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);

        var result = await host.RunAsync("CatchBroken");

        var details = result.ReadOutputAs<TaskFailureDetails>().ShouldNotBeNull();
        details.ErrorType.ShouldBe(typeof(InvalidOperationException).FullName);
        details.ErrorMessage.ShouldBe("outer");
        details.StackTrace.ShouldNotBeNullOrEmpty();
        details.InnerFailure!.ErrorType.ShouldBe(typeof(IOException).FullName);
        details.InnerFailure.ErrorMessage.ShouldBe("disk full");
    }

    [Fact]
    public async Task ActivityException_Uncaught_FailsInstanceWithDetails()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);

        var result = await host.RunAsync("Uncaught");

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails!.ErrorType.ShouldBe(typeof(TaskFailedException).FullName);
        result.FailureDetails.InnerFailure!.ErrorMessage.ShouldBe("outer");
        result.FailureDetails.IsCausedBy<TaskFailedException>().ShouldBeTrue();
    }

    [Fact]
    public async Task SubOrchestration_CompletesAndFails_ReachParent()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);

        var ok = await host.RunAsync("Parent", "ok", new StartOrchestrationOptions("parent-ok-" + host.HubName));
        var failed = await host.RunAsync("Parent", "fail");

        ok.ReadOutputAs<string>().ShouldBe($"Hello x! from parent-ok-{host.HubName}");
        failed.ReadOutputAs<string>()!.ShouldStartWith("child failed: ");
        (await host.Client.GetInstanceAsync(failed.InstanceId + "-child", cancellation: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
    }

    [Fact]
    public async Task CreateTimer_ThirtyDays_FiresWhenVirtualTimeAdvances()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await DurableTestHost.StartAsync(azurite, Register, o => o.MaxTimerDelay = TimeSpan.FromMilliseconds(300), time);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("LongTimer", cancellation: Ct);
        await WaitForHistoryAsync(host, id, HistoryEventType.TimerCreated);

        time.Advance(TimeSpan.FromDays(10));
        await Task.Delay(700, Ct);
        (await host.Client.GetInstanceAsync(id, cancellation: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        time.Advance(TimeSpan.FromDays(21));
        var result = await host.WaitAsync(id);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<DateTime>().ShouldBeGreaterThanOrEqualTo(new DateTime(2026, 1, 31, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task WaitForExternalEvent_Timeout_ThrowsInOrchestrator()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await DurableTestHost.StartAsync(azurite, Register, o => o.MaxTimerDelay = TimeSpan.FromMilliseconds(300), time);
        var timedOut = await host.Client.ScheduleNewOrchestrationInstanceAsync("EventWithTimeout", cancellation: Ct);
        var answered = await host.Client.ScheduleNewOrchestrationInstanceAsync("EventWithTimeout", cancellation: Ct);
        await WaitForHistoryAsync(host, timedOut, HistoryEventType.TimerCreated);
        await WaitForHistoryAsync(host, answered, HistoryEventType.TimerCreated);

        await host.Client.RaiseEventAsync(answered, "approval", "approved", Ct);
        (await host.WaitAsync(answered)).ReadOutputAs<string>().ShouldBe("approved");
        time.Advance(TimeSpan.FromHours(2));

        (await host.WaitAsync(timedOut)).ReadOutputAs<string>().ShouldBe("timed out");
    }

    [Fact]
    public async Task RaiseEvent_BeforeWait_IsBufferedInOrder()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await DurableTestHost.StartAsync(azurite, Register, o => o.MaxTimerDelay = TimeSpan.FromMilliseconds(300), time);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("EventAfterTimer", cancellation: Ct);
        await WaitForHistoryAsync(host, id, HistoryEventType.TimerCreated);

        await host.Client.RaiseEventAsync(id, "Data", "first", Ct);
        await host.Client.RaiseEventAsync(id, "DATA", "second", Ct);
        await WaitForHistoryAsync(host, id, HistoryEventType.EventRaised, 2);
        time.Advance(TimeSpan.FromHours(2));

        (await host.WaitAsync(id)).ReadOutputAs<string>().ShouldBe("first,second");
    }

    [Fact]
    public async Task ContinueAsNew_FourGenerations_EndsWithLastInputAndFreshHistory()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);

        var result = await host.RunAsync("Counter", 1);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, result.FailureDetails?.ToString());
        result.ReadOutputAs<int>().ShouldBe(4);
        result.SerializedCustomStatus.ShouldBe("""{"generation":4}""");
        var history = await host.Client.GetOrchestrationHistoryAsync(result.InstanceId, Ct);
        history.Count(e => e.EventType == HistoryEventType.ExecutionStarted).ShouldBe(1);
        history.ShouldNotContain(e => e.EventType == HistoryEventType.TaskScheduled);
    }

    [Fact]
    public async Task NewGuid_IsDeterministicAcrossReplays()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);

        var result = await host.RunAsync("Guids");

        var parts = result.ReadOutputAs<string>()!.Split('|');
        parts[2].ShouldBe($"Hello {parts[0]}!");
        parts[0].ShouldNotBe(parts[1]);
        result.SerializedCustomStatus.ShouldBe("\"halfway\"");
        var scheduled = (await host.Client.GetOrchestrationHistoryAsync(result.InstanceId, Ct)).Single(e => e.EventType == HistoryEventType.TaskScheduled);
        scheduled.Input.ShouldBe($"\"{parts[0]}\"");
    }

    [Fact]
    public async Task ReplaySafeLogger_LogsEachStepOnce()
    {
        var provider = new CountingLoggerProvider();
        await using var host = await DurableTestHost.StartAsync(azurite, Register, services: s => s.AddSingleton<ILoggerProvider>(provider));
        string[] names = ["a", "b", "c"];

        var result = await host.RunAsync("Logging", names);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        provider.Messages.Where(m => m.StartsWith("step", StringComparison.Ordinal)).ShouldBe(["step a replaying=False", "step b replaying=False", "step c replaying=False"]);
    }

    [Fact]
    public async Task LargePayloads_OverInlineLimit_RoundTripThroughBlobs()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);

        var result = await host.RunAsync("Big", 60_000);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, result.FailureDetails?.ToString());
        result.ReadOutputAs<int>().ShouldBe(120_000);
        var blobs = new List<string>();
        await foreach (var blob in host.Hub.Large.GetBlobsAsync(cancellationToken: Ct))
        {
            blobs.Add(blob.Name);
        }

        blobs.ShouldContain(b => b.StartsWith(result.InstanceId + "/history-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownOrchestrator_FailsWithClearReason()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);

        var result = await host.RunAsync("NoSuchThing");

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails!.ErrorMessage.ShouldContain("No orchestrator named 'NoSuchThing'");
    }

    [Fact]
    public async Task HistoryGuard_TooManyEvents_FailsClearly()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register, o => o.MaxHistoryEvents = 30);
        var names = Enumerable.Range(0, 20).Select(i => $"n{i}").ToArray();

        var result = await host.RunAsync("Sequence", names);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails!.ErrorMessage.ShouldContain("would exceed 30 events");
    }

    internal static async Task WaitForHistoryAsync(DurableTestHost host, string id, HistoryEventType type, int count = 1)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        while ((await host.Client.GetOrchestrationHistoryAsync(id, cts.Token)).Count(e => e.EventType == type) < count)
        {
            await Task.Delay(50, cts.Token);
        }
    }

    private sealed class CountingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName == "Workflow" ? Messages : null);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string>? sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => sink is not null;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink?.Enqueue(formatter(state, exception));
        }
    }
}
