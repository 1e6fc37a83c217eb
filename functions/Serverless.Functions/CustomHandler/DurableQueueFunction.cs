using System.Text.Json.Nodes;
using Serverless.Durable;

namespace Serverless.Functions.CustomHandler;

/// <summary>
/// Functions mode's delivery of the durable engine's queues: the host's queue trigger receives a
/// message and the engine's <see cref="IDurableMessageHandler"/> processes it exactly as its own
/// worker would. Success deletes the message; an exception (500) lets it reappear, and the host
/// moves it to <c>{queue}-poison</c> after maxDequeueCount attempts.
/// </summary>
internal abstract class DurableQueueFunction(IDurableMessageHandler handler)
{
    public const string TriggerName = "message";

    protected static DurableTaskOptions EngineQueues(AppOptions options) => new() { TaskHubName = options.TaskHub };

    protected static JsonArray QueueBindings(string queueName) =>
    [
        CustomHandlerExtensions.Binding("queueTrigger", "in", TriggerName,
            ("queueName", queueName),
            ("connection", CustomHandlerExtensions.Connection)),
    ];

    protected async Task<InvocationResponse> HandleAsync(string queueName, InvocationRequest request, CancellationToken cancellationToken)
    {
        var text = request.DataText(TriggerName) ?? throw new InvalidOperationException($"The invocation has no '{TriggerName}' data.");
        await handler.HandleAsync(queueName, text, request.MetadataNumber("DequeueCount") ?? 1, cancellationToken);
        return new InvocationResponse([], [], null);
    }
}
