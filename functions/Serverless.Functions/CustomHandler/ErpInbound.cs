using System.Text.Json.Nodes;
using Serverless.Functions.Ingestion;

namespace Serverless.Functions.CustomHandler;

/// <summary>Queue trigger on <c>erp-inbound</c>: CloudEvents 1.0 JSON messages that start the document workflow.</summary>
internal sealed class ErpInbound(ErpInboundHandler handler) : IFunction
{
    public const string TriggerName = "message";

    public static JsonArray Bindings(AppOptions options) =>
    [
        CustomHandlerExtensions.Binding("queueTrigger", "in", TriggerName,
            ("queueName", options.ErpInboundQueue),
            ("connection", CustomHandlerExtensions.Connection)),
    ];

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var text = request.DataText(TriggerName) ?? throw new InvalidOperationException($"The invocation has no '{TriggerName}' data.");
        var instanceId = await handler.HandleAsync(text, cancellationToken);
        return new InvocationResponse([], [$"started {instanceId}"], null);
    }
}
