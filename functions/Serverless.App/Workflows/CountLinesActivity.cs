using Microsoft.DurableTask;
using Serverless.App.Storage;

namespace Serverless.App.Workflows;

/// <summary>Reads the document and counts its lines (a last line without a newline counts too).</summary>
internal sealed class CountLinesActivity(StorageClients clients) : TaskActivity<DocumentRef, long>
{
    public override async Task<long> RunAsync(TaskActivityContext context, DocumentRef input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var (newlines, last) = await DocumentReader.FoldAsync(
            clients,
            input,
            (Count: 0L, Last: (byte?)null),
            static (state, chunk) => (state.Count + chunk.Span.Count((byte)'\n'), chunk.Span[^1]),
            CancellationToken.None);
        return last is null or (byte)'\n' ? newlines : newlines + 1;
    }
}
