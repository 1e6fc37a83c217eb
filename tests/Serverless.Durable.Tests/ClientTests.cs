using Serverless.Testing;
using Shouldly;

namespace Serverless.Durable.Tests;

public sealed class ClientTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Register(DurableTaskRegistry r)
    {
        TestWorkflows.Register(r);
        r.AddOrchestratorFunc<string?, string>("Waiter", async (ctx, _) => await ctx.WaitForExternalEvent<string>("Go"));
        r.AddOrchestratorFunc<string?, string>("ParentWaiter", async (ctx, _) =>
            await ctx.CallSubOrchestratorAsync<string>("Waiter", null, new SubOrchestrationOptions(ctx.InstanceId + "-child")));
        r.AddOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x));
    }

    [Fact]
    public async Task Schedule_SameIdWhileRunning_IsIdempotent()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);
        var id = "order-" + host.HubName;

        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions(id), Ct)));
        await host.Client.WaitForInstanceStartAsync(id, cancellation: Ct);
        (await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions(id), Ct)).ShouldBe(id);
        await host.Client.RaiseEventAsync(id, "Go", "done", Ct);
        var result = await host.WaitAsync(id);

        starts.ShouldAllBe(s => s == id);
        result.ReadOutputAs<string>().ShouldBe("done");
        (await host.Client.GetOrchestrationHistoryAsync(id, Ct)).Count(e => e.EventType == HistoryEventType.ExecutionStarted).ShouldBe(1);
    }

    [Fact]
    public async Task Terminate_Recursive_TerminatesParentAndChild()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ParentWaiter", cancellation: Ct);
        await host.Client.WaitForInstanceStartAsync(id + "-child", cancellation: Ct);

        await host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("operator said stop", Recursive: true), Ct);
        var parent = await host.WaitAsync(id);
        var child = await host.WaitAsync(id + "-child");

        parent.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
        parent.ReadOutputAs<string>().ShouldBe("operator said stop");
        child.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
    }

    [Fact]
    public async Task SuspendResume_EventsWaitWhileSuspended()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", cancellation: Ct);
        await host.Client.WaitForInstanceStartAsync(id, cancellation: Ct);

        await host.Client.SuspendInstanceAsync(id, "maintenance", Ct);
        await WaitForStatusAsync(host, id, OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "Go", "after resume", Ct);
        await Task.Delay(500, Ct);
        (await host.Client.GetInstanceAsync(id, cancellation: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Suspended);
        await host.Client.ResumeInstanceAsync(id, "done", Ct);
        var result = await host.WaitAsync(id);

        result.ReadOutputAs<string>().ShouldBe("after resume");
    }

    [Fact]
    public async Task Restart_FinishedInstance_RunsAgain()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);
        var first = await host.RunAsync("Echo", 7);
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", cancellation: Ct);

        var sameId = await host.Client.RestartAsync(first.InstanceId, cancellation: Ct);
        var again = await host.WaitAsync(sameId);
        var newId = await host.Client.RestartAsync(first.InstanceId, restartWithNewInstanceId: true, Ct);
        var copy = await host.WaitAsync(newId);

        sameId.ShouldBe(first.InstanceId);
        again.ReadOutputAs<int>().ShouldBe(7);
        again.CreatedAt.ShouldBeGreaterThan(first.CreatedAt);
        newId.ShouldNotBe(first.InstanceId);
        copy.ReadOutputAs<int>().ShouldBe(7);
        await Should.ThrowAsync<InvalidOperationException>(() => host.Client.RestartAsync(running, cancellation: Ct));
    }

    [Fact]
    public async Task Purge_OneAndByFilter_DeletesHistoryStatusAndBlobs()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);
        var big = new string('y', 50_000);
        var withBlob = await host.RunAsync("Sequence", new[] { big });
        var done = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => host.RunAsync("Echo", i)));
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", cancellation: Ct);
        await host.Client.WaitForInstanceStartAsync(running, cancellation: Ct);

        (await host.Client.PurgeInstanceAsync(running, Ct)).PurgedInstanceCount.ShouldBe(0);
        (await host.Client.PurgeInstanceAsync(withBlob.InstanceId, Ct)).PurgedInstanceCount.ShouldBe(1);
        var purged = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Completed]), Ct);

        purged.PurgedInstanceCount.ShouldBe(3);
        (await host.Client.GetInstanceAsync(withBlob.InstanceId, cancellation: Ct)).ShouldBeNull();
        (await host.Client.GetOrchestrationHistoryAsync(withBlob.InstanceId, Ct)).ShouldBeEmpty();
        foreach (var d in done)
        {
            (await host.Client.GetInstanceAsync(d.InstanceId, cancellation: Ct)).ShouldBeNull();
        }

        await foreach (var blob in host.Hub.Large.GetBlobsAsync(cancellationToken: Ct))
        {
            blob.Name.ShouldNotStartWith(withBlob.InstanceId);
        }

        (await host.Client.GetInstanceAsync(running, cancellation: Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Query_FiltersAndPages()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, Register);
        var before = TimeProvider.System.GetUtcNow().AddSeconds(-5);
        var acme = new Dictionary<string, string> { ["tenant"] = "acme" };
        for (var i = 0; i < 5; i++)
        {
            await host.RunAsync("Echo", i, new StartOrchestrationOptions($"q-{i}") { Tags = i < 3 ? acme : new Dictionary<string, string> { ["tenant"] = "other" } });
        }

        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions("w-1"), Ct);
        await host.Client.WaitForInstanceStartAsync(waiting, cancellation: Ct);

        var completed = await All(host, new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Completed], PageSize: 2));
        completed.Select(m => m.InstanceId).Order().ShouldBe(["q-0", "q-1", "q-2", "q-3", "q-4"]);
        (await All(host, new OrchestrationQuery(InstanceIdPrefix: "w-"))).Single().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        (await All(host, new OrchestrationQuery { Tags = acme })).Select(m => m.InstanceId).Order().ShouldBe(["q-0", "q-1", "q-2"]);
        (await All(host, new OrchestrationQuery(CreatedFrom: before, CreatedTo: TimeProvider.System.GetUtcNow().AddSeconds(5)))).Count.ShouldBe(6);
        (await All(host, new OrchestrationQuery(CreatedFrom: TimeProvider.System.GetUtcNow().AddHours(1)))).ShouldBeEmpty();
        var firstPage = await host.Client.QueryInstancesAsync(new OrchestrationQuery(PageSize: 4), Ct);
        firstPage.Values.Count.ShouldBe(4);
        firstPage.ContinuationToken.ShouldNotBeNull();
        var withData = await host.Client.QueryInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "q-0", FetchInputsAndOutputs: true), Ct);
        withData.Values.Single().SerializedInput.ShouldBe("0");
        withData.Values.Single().Tags["tenant"].ShouldBe("acme");
    }

    [Fact]
    public async Task Versioning_InFlightInstanceKeepsItsVersion()
    {
        var hub = TestNames.Unique("ver");
        static void V1(DurableTaskRegistry r) =>
            r.AddOrchestratorFunc<string?, string>("Flow", async (ctx, _) => "v1:" + ctx.Version + ":" + await ctx.WaitForExternalEvent<string>("Go"), version: "1");
        static void Both(DurableTaskRegistry r)
        {
            V1(r);
            r.AddOrchestratorFunc<string?, string>("Flow", async (ctx, _) => "v2:" + ctx.Version + ":" + await ctx.WaitForExternalEvent<string>("Go"), version: "2");
        }

        string old;
        await using (var first = await DurableTestHost.StartAsync(azurite, V1, o => o.DefaultVersion = "1", hubName: hub))
        {
            old = await first.Client.ScheduleNewOrchestrationInstanceAsync("Flow", cancellation: Ct);
            await first.Client.WaitForInstanceStartAsync(old, cancellation: Ct);
        }

        await using var second = await DurableTestHost.StartAsync(azurite, Both, o => o.DefaultVersion = "2", hubName: hub);
        var fresh = await second.Client.ScheduleNewOrchestrationInstanceAsync("Flow", cancellation: Ct);
        await second.Client.WaitForInstanceStartAsync(fresh, cancellation: Ct);
        await second.Client.RaiseEventAsync(old, "Go", "a", Ct);
        await second.Client.RaiseEventAsync(fresh, "Go", "b", Ct);

        (await second.WaitAsync(old)).ReadOutputAs<string>().ShouldBe("v1:1:a");
        var newer = await second.WaitAsync(fresh);
        newer.ReadOutputAs<string>().ShouldBe("v2:2:b");
        newer.Version.ShouldBe("2");
    }

    private static async Task<List<OrchestrationMetadata>> All(DurableTestHost host, OrchestrationQuery query)
    {
        var list = new List<OrchestrationMetadata>();
        await foreach (var m in host.Client.GetAllInstancesAsync(query, Ct))
        {
            list.Add(m);
        }

        return list;
    }

    internal static async Task WaitForStatusAsync(DurableTestHost host, string id, OrchestrationRuntimeStatus status)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        while ((await host.Client.GetInstanceAsync(id, cancellation: cts.Token))?.RuntimeStatus != status)
        {
            await Task.Delay(50, cts.Token);
        }
    }
}
