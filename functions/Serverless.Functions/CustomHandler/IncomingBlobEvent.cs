using System.Text.Json.Nodes;
using Serverless.Functions.Ingestion;

namespace Serverless.Functions.CustomHandler;

/// <summary>Queue trigger on the Event Grid BlobCreated events queue: the production entry for blob drops.</summary>
internal sealed class IncomingBlobEvent(BlobIngestor ingestor) : IFunction
{
    public const string TriggerName = "message";

    public static JsonArray Bindings(AppOptions options) =>
    [
        CustomHandlerExtensions.Binding("queueTrigger", "in", TriggerName,
            ("queueName", options.BlobEventsQueue),
            ("connection", CustomHandlerExtensions.Connection)),
    ];

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var text = request.DataText(TriggerName) ?? throw new InvalidOperationException($"The invocation has no '{TriggerName}' data.");
        var outcomes = await ingestor.IngestEventAsync(text, cancellationToken);
        return new InvocationResponse([], outcomes.Select(IncomingBlob.Describe).ToList(), null);
    }
}
