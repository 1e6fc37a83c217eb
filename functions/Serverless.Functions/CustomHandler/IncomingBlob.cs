using System.Text.Json.Nodes;
using Serverless.Functions.Ingestion;

namespace Serverless.Functions.CustomHandler;

/// <summary>
/// Blob trigger on the incoming container. The blob's path comes from the <c>BlobTrigger</c>
/// metadata; the content is read again from storage (to hash and sniff it), not taken from the payload.
/// </summary>
internal sealed class IncomingBlob(BlobIngestor ingestor) : IFunction
{
    public const string TriggerName = "blob";

    public static JsonArray Bindings(AppOptions options) =>
    [
        CustomHandlerExtensions.Binding("blobTrigger", "in", TriggerName,
            ("path", $"{options.IncomingContainer}/{{name}}"),
            ("connection", CustomHandlerExtensions.Connection),
            ("dataType", "binary")),
    ];

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var path = request.MetadataText("BlobTrigger")
            ?? throw new InvalidOperationException("The invocation has no BlobTrigger metadata.");
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new InvalidOperationException("BlobTrigger must be '{container}/{blob name}'.");
        }

        var outcome = await ingestor.IngestAsync(path[..slash], path[(slash + 1)..], cancellationToken);
        return new InvocationResponse([], [Describe(outcome)], null);
    }

    internal static string Describe(IngestOutcome outcome) => outcome.Result switch
    {
        IngestResult.Started => $"Started workflow {outcome.InstanceId}.",
        IngestResult.AlreadyStarted => $"Workflow {outcome.InstanceId} was already started for this content.",
        _ => $"Ignored: {outcome.Reason}",
    };
}
