using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Serverless.Durable;

namespace Serverless.Functions.CustomHandler;

/// <summary>Queue trigger on the engine's activity (work item) queue.</summary>
internal sealed class DurableActivities(IDurableMessageHandler handler, IOptions<AppOptions> options)
    : DurableQueueFunction(handler), IFunction
{
    public static JsonArray Bindings(AppOptions options) => QueueBindings(EngineQueues(options).ActivityQueueName);

    public Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken) =>
        HandleAsync(EngineQueues(options.Value).ActivityQueueName, request, cancellationToken);
}
