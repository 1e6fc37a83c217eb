using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Workflows;
using Serverless.Pipeline.Workflow;

namespace Serverless.Functions.Tests;

/// <summary>
/// An activity function builds the class-based activity from DI and gives it the instance id the activity trigger passes
/// in its binding data (<c>instanceId</c>, the Durable extension's binding data contract for activity triggers).
/// </summary>
public sealed class ActivityFunctionsTests
{
    private static readonly NotifyInput Input = new(
        new DocumentPipelineInput("acme", "incoming", "acme/a.txt", new string('a', 64)),
        new WorkflowCompletion("acme~a", "acme", WorkflowCompletion.Completed, null, null, null, 0, 0m, null, null));

    [Fact]
    public async Task Notify_InstanceIdInBindingData_ReachesTheActivityWithItsDependencies()
    {
        var notifier = new RecordingNotifier();
        await using var services = new ServiceCollection().AddSingleton<IWorkflowNotifier>(notifier).BuildServiceProvider();
        var context = new FakeFunctionContext(nameof(NotifyActivity), services, new Dictionary<string, object?> { ["instanceId"] = "acme~a" });

        var notified = await DocumentPipelineFunctions.Notify(Input, context);

        notified.ShouldBe(1);
        notifier.Keys.ShouldBe(["acme~a:notify"], "the idempotency key is the instance id and the step");
    }

    [Fact]
    public async Task Notify_NoInstanceIdInBindingData_FailsNamingTheFunction()
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        var context = new FakeFunctionContext(nameof(NotifyActivity), services, new Dictionary<string, object?>());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => DocumentPipelineFunctions.Notify(Input, context));

        error.Message.ShouldContain(nameof(NotifyActivity));
    }

    private sealed class RecordingNotifier : IWorkflowNotifier
    {
        public List<string> Keys { get; } = [];

        public Task NotifyAsync(DocumentPipelineInput document, WorkflowCompletion completion, string idempotencyKey, CancellationToken cancellationToken)
        {
            Keys.Add(idempotencyKey);
            return Task.CompletedTask;
        }
    }
}
