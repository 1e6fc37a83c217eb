using System.Text.Json;
using Microsoft.DurableTask;

namespace Serverless.App.Workflows;

/// <summary>
/// The stand-in workflow until the document pipeline exists: two activities read the blob and
/// count its bytes and its lines. It proves every entry (blob drop, Event Grid, HTTP) end to end,
/// and with <see cref="DocumentRef.HoldUntilEvent"/> it shows a human release step (raise event).
/// </summary>
internal sealed class DocumentStatsOrchestrator : TaskOrchestrator<DocumentRef, DocumentStats>
{
    private static readonly TaskOptions Retry = new(new RetryPolicy(3, TimeSpan.FromSeconds(1), backoffCoefficient: 2)
    {
        HandleFailure = failure => !failure.IsCausedBy<DocumentChangedException>(),
    });

    public override async Task<DocumentStats> RunAsync(TaskOrchestrationContext context, DocumentRef input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.HoldUntilEvent is { } releaseEvent)
        {
            context.SetCustomStatus(new WorkflowStep("waiting", releaseEvent));
            await context.WaitForExternalEvent<JsonElement?>(releaseEvent, CancellationToken.None);
        }

        context.SetCustomStatus(new WorkflowStep("counting", null));
        var bytes = context.CallActivityAsync<long>(nameof(CountBytesActivity), input, Retry);
        var lines = context.CallActivityAsync<long>(nameof(CountLinesActivity), input, Retry);
        await Task.WhenAll(bytes, lines);
        context.SetCustomStatus(new WorkflowStep("done", null));
        return new DocumentStats(await bytes, await lines);
    }
}
