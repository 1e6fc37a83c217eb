using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Durable.Replay;
using Serverless.Durable.Storage;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Durable.Tests;

public sealed class GuaranteeTests(AzuriteFixture azurite)
{
    private static readonly ConcurrentDictionary<string, int> SlowRuns = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> SlowStarted = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Register(DurableTaskRegistry r)
    {
        TestWorkflows.Register(r);
        r.AddOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x));
        r.AddActivityFunc<string, string>("Slow", async (ctx, key) =>
        {
            SlowRuns.AddOrUpdate(key, 1, (_, n) => n + 1);
            SlowStarted.GetOrAdd(key, _ => new()).TrySetResult();
            await Task.Delay(500, CancellationToken.None);
            return "slow " + key;
        });
        r.AddOrchestratorFunc<string, string>("SlowFlow", (ctx, key) => ctx.CallActivityAsync<string>("Slow", key));
    }

    [Fact]
    public async Task CrashPoints_AbandonEachOnce_AllCompleteWithoutDuplicates()
    {
        var crashed = new ConcurrentDictionary<(CrashPoint, string), byte>();
        await using var host = await DurableTestHost.StartAsync(azurite, Register, o => o.MaxDequeueCount = 20);
        host.Hooks.OnCrashPoint = (point, id) =>
        {
            if (point != CrashPoint.EpisodeStarting && crashed.TryAdd((point, id), 0))
            {
                throw new InvalidOperationException($"injected crash at {point}");
            }
        };
        var names = new[] { "a", "b", "c" };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => host.RunAsync("Sequence", names.Select(n => n + i).ToArray(), timeoutSeconds: 60)));

        foreach (var (result, i) in results.Select((r, i) => (r, i)))
        {
            result.ReadOutputAs<List<string>>().ShouldBe(names.Select(n => $"Hello {n}{i}!"));
            await InvariantChecker.CheckAsync(host.Client, result.InstanceId, Ct);
        }

        crashed.Keys.Select(k => k.Item1).Distinct().Count().ShouldBe(6);
    }

    [Fact]
    public async Task DuplicateAndRedeliveredMessages_NeverAddAnEventTwice()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);
        host.Hooks.DuplicateSends = true;
        var names = new[] { "x", "y", "z" };
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => host.RunAsync("Sequence", names)));
        var before = new Dictionary<string, int>();
        foreach (var r in results)
        {
            before[r.InstanceId] = (await InvariantChecker.CheckAsync(host.Client, r.InstanceId, Ct)).Count;
        }

        var runsBefore = TestWorkflows.Executions.Where(p => results.Any(r => p.Key.StartsWith(r.InstanceId, StringComparison.Ordinal))).Sum(p => p.Value);

        // Redeliver everything after the fact: every inbound event into the inbox again, every activity message again, extra wake-ups.
        foreach (var r in results)
        {
            var history = await host.Client.GetOrchestrationHistoryAsync(r.InstanceId, Ct);
            var executionId = history.First(e => e.EventType == HistoryEventType.ExecutionStarted).ExecutionId;
            foreach (var e in history.Where(e => e.MessageId is not null))
            {
                await host.Hub.AddToInboxAsync(r.InstanceId, e with { Timestamp = default }, Ct);
            }

            for (var position = 0; position < history.Count; position++)
            {
                if (history[position].EventType == HistoryEventType.TaskScheduled)
                {
                    await host.Hub.SendAsync(host.Hub.WorkItems, new WorkMessage
                    {
                        Kind = WorkMessage.Activity, InstanceId = r.InstanceId, ExecutionId = executionId, TaskId = history[position].EventId, Position = position,
                    }, null, Ct);
                }
            }

            await host.Hub.WakeAsync(r.InstanceId, Ct);
        }

        await Task.Delay(1500, Ct);
        foreach (var r in results)
        {
            (await InvariantChecker.CheckAsync(host.Client, r.InstanceId, Ct)).Count.ShouldBe(before[r.InstanceId]);
        }

        TestWorkflows.Executions.Where(p => results.Any(r => p.Key.StartsWith(r.InstanceId, StringComparison.Ordinal))).Sum(p => p.Value).ShouldBe(runsBefore);
        (await host.Hub.Control.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount.ShouldBe(0);
    }

    [Fact]
    public async Task TwoWorkers_RacingOneInstance_NeverFork()
    {
        var hub = TestNames.Unique("race");
        await using var a = await DurableTestHost.StartAsync(azurite, Register, o => o.MaxConcurrentOrchestrations = 4, hubName: hub);
        await using var b = await DurableTestHost.StartAsync(azurite, Register, o => o.MaxConcurrentOrchestrations = 4, hubName: hub);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => a.RunAsync("FanOut", 60, timeoutSeconds: 60)));

        foreach (var r in results)
        {
            r.ReadOutputAs<int>().ShouldBe(60 * 61);
            var history = await InvariantChecker.CheckAsync(b.Client, r.InstanceId, Ct);
            history.Count(e => e.EventType == HistoryEventType.TaskCompleted).ShouldBe(60);
        }
    }

    [Fact]
    public async Task ConcurrentCommits_SecondLosesOnSentinelETag()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register, o => o.StartWorker = false);
        var store = host.Services.GetRequiredService<HistoryStore>();
        var executor = host.Services.GetRequiredService<OrchestrationExecutor>();
        string[] input = ["p"];
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", input, cancellation: Ct);
        var first = await store.LoadAsync(id, Ct);
        store.Forget(id);
        var second = await store.LoadAsync(id, Ct);
        var now = host.Hub.UtcNow;
        var r1 = executor.Execute(first.History, [.. first.Inbox.Select(i => i.Event)], now);
        var r2 = executor.Execute(second.History, [.. second.Inbox.Select(i => i.Event)], now.AddSeconds(1));

        await store.CommitAsync(first, r1, Ct);
        await Should.ThrowAsync<CommitConflictException>(() => store.CommitAsync(second, r2, Ct));

        store.Forget(id);
        var committed = await store.LoadAsync(id, Ct);
        committed.History.Where(e => e.EventType == HistoryEventType.OrchestratorStarted).Select(e => e.Timestamp).ShouldBe([now]);
        committed.Count.ShouldBe(r1.History.Count);
    }

    [Fact]
    public async Task ActivityRedelivered_AfterResultWrittenBeforeWakeUp_WakesWithoutRerunning()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);
        var crashes = CrashOnce(host, CrashPoint.AfterActivityResult);
        string[] input = ["w" + host.HubName];

        var result = await host.RunAsync("Sequence", input);

        crashes().ShouldBe(1);
        result.ReadOutputAs<List<string>>().ShouldBe([$"Hello {input[0]}!"]);
        TestWorkflows.Executions[$"{result.InstanceId}:Hello:{input[0]}"].ShouldBe(1);
    }

    [Fact]
    public async Task StatusRow_StaleWriteOfOlderEpisode_DoesNotOverwriteNewerStatus()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);
        string[] input = ["s"];
        var done = await host.RunAsync("Sequence", input);
        var writer = host.Services.GetRequiredService<StatusWriter>();
        var history = await host.Client.GetOrchestrationHistoryAsync(done.InstanceId, Ct);
        var older = history.Take(4).ToList();
        var stale = new InstanceState { InstanceId = done.InstanceId, History = older, Count = older.Count, ExecutionId = history[1].ExecutionId };
        var staleResult = host.Services.GetRequiredService<OrchestrationExecutor>().Execute(older, [], host.Hub.UtcNow);

        staleResult.Status.ShouldBe(OrchestrationRuntimeStatus.Running);
        await writer.WriteAsync(stale, staleResult, includeInput: false, Ct);

        (await host.Client.GetInstanceAsync(done.InstanceId, cancellation: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
    }

    [Fact]
    public async Task StatusRow_CrashAfterHistoryCommit_IsRepaired()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);
        var crashes = CrashOnce(host, CrashPoint.AfterHistoryBatch);

        var result = await host.RunAsync("Echo", 42);

        crashes().ShouldBe(1);
        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(42);
        await InvariantChecker.CheckAsync(host.Client, result.InstanceId, Ct);
    }

    [Fact]
    public async Task PoisonMessage_FailsInstanceWithReason_NoEndlessLoop()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register, o => o.MaxDequeueCount = 3);
        var victim = "victim-" + host.HubName;
        host.Hooks.OnCrashPoint = (point, id) =>
        {
            if (point == CrashPoint.EpisodeStarting && id == victim)
            {
                throw new InvalidOperationException("episode always breaks");
            }
        };

        var result = await host.RunAsync("Echo", 1, new StartOrchestrationOptions(victim));

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails!.ErrorType.ShouldBe("PoisonMessage");
        result.FailureDetails.ErrorMessage.ShouldContain("episode always breaks");
        var dead = await host.Services.GetRequiredService<PoisonStore>().ListAsync(victim, Ct);
        dead.ShouldNotBeEmpty();
        dead[0].GetInt64("DequeueCount")!.Value.ShouldBeLessThanOrEqualTo(4);
        dead[0].GetString("Reason").ShouldContain("episode always breaks");
    }

    [Fact]
    public async Task PoisonActivity_FailsTheTaskWithReason()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register, o => o.MaxDequeueCount = 2);
        host.Hooks.OnCrashPoint = (point, _) =>
        {
            if (point == CrashPoint.AfterActivityEffect)
            {
                throw new InvalidOperationException("result can never be reported");
            }
        };

        string[] input = ["q"];

        var result = await host.RunAsync("Sequence", input);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails!.InnerFailure!.ErrorType.ShouldBe("PoisonMessage");
        result.FailureDetails.InnerFailure.ErrorMessage.ShouldContain("result can never be reported");
    }

    [Fact]
    public async Task GracefulShutdown_FinishesInFlightActivity_AnotherWorkerCompletes()
    {
        var hub = TestNames.Unique("stop");
        var key = Guid.CreateVersion7().ToString("N");
        string id;
        await using (var first = await DurableTestHost.StartAsync(azurite, Register, hubName: hub))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("SlowFlow", key, cancellation: Ct);
            await SlowStarted.GetOrAdd(key, _ => new()).Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
            await first.StopAsync();
        }

        await using var second = await DurableTestHost.StartAsync(azurite, Register, hubName: hub);
        var result = await second.WaitAsync(id);

        result.ReadOutputAs<string>().ShouldBe("slow " + key);
        SlowRuns[key].ShouldBe(1);
    }

    /// <summary>Abandons the work the first time <paramref name="at"/> is reached; returns how many times it did.</summary>
    private static Func<int> CrashOnce(DurableTestHost host, CrashPoint at)
    {
        var once = 0;
        host.Hooks.OnCrashPoint = (point, _) =>
        {
            if (point == at && Interlocked.Exchange(ref once, 1) == 0)
            {
                throw new InvalidOperationException($"injected crash at {at}");
            }
        };
        return () => Volatile.Read(ref once);
    }
}
