using System.Text.Json;
using Serverless.Durable.Replay;
using Shouldly;

namespace Serverless.Durable.Tests.Replay;

/// <summary>Recorded histories (JSON) → the expected next decisions, without storage: one case per event type.</summary>
public sealed class ReplayHarnessTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> Cases() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ReplayCases"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Execute_RecordedHistory_ProducesExpectedActions(string name)
    {
        var c = JsonSerializer.Deserialize<ReplayCase>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ReplayCases", name + ".json")), Json)!;
        var executor = new OrchestrationExecutor(ReplayOrchestrators.Resolve);

        var result = executor.Execute(c.Past, c.New, c.Now.UtcDateTime);

        result.Status.ToString().ShouldBe(c.ExpectedStatus, result.Failure?.ToString());
        result.Actions.Count.ShouldBe(c.ExpectedActions.Count, string.Join(", ", result.Actions.Select(a => a.EventType)));
        for (var i = 0; i < c.ExpectedActions.Count; i++)
        {
            var expected = c.ExpectedActions[i];
            var actual = result.Actions[i];
            actual.EventType.ShouldBe(expected.EventType);
            if (expected.EventId >= 0)
            {
                actual.EventId.ShouldBe(expected.EventId);
            }

            if (expected.Name is not null)
            {
                actual.Name.ShouldBe(expected.Name);
            }

            if (expected.Input is not null)
            {
                actual.Input.ShouldBe(expected.Input);
            }

            if (expected.Result is not null)
            {
                actual.Result.ShouldBe(expected.Result);
            }

            if (expected.InstanceId is not null)
            {
                actual.InstanceId.ShouldBe(expected.InstanceId);
            }

            if (expected.OrchestrationStatus is not null)
            {
                actual.OrchestrationStatus.ShouldBe(expected.OrchestrationStatus);
            }
        }

        if (c.ExpectedFailureContains is not null)
        {
            result.Failure.ShouldNotBeNull().ErrorMessage.ShouldContain(c.ExpectedFailureContains);
        }

        result.Dropped.Count.ShouldBe(c.ExpectedDropped);
        result.Deferred.Count.ShouldBe(c.ExpectedDeferred);
        result.History.Select(e => e.MessageId).OfType<string>().ShouldBeUnique();
    }

    [Fact]
    public void Execute_SameInputsTwice_SameDecisions()
    {
        var executor = new OrchestrationExecutor(ReplayOrchestrators.Resolve);
        HistoryEvent[] start = [new() { EventType = HistoryEventType.ExecutionStarted, InstanceId = "i", ExecutionId = "e", Name = "Chain", MessageId = "s" }];
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var first = executor.Execute([], start, now);
        var second = executor.Execute([], start, now);

        JsonSerializer.Serialize(second.History).ShouldBe(JsonSerializer.Serialize(first.History));
    }

    private sealed record ReplayCase(
        string Orchestrator,
        DateTimeOffset Now,
        List<HistoryEvent> Past,
        List<HistoryEvent> New,
        string ExpectedStatus,
        List<HistoryEvent> ExpectedActions,
        string? ExpectedFailureContains = null,
        int ExpectedDropped = 0,
        int ExpectedDeferred = 0);
}
