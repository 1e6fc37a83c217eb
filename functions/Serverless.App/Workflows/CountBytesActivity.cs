using Microsoft.DurableTask;
using Serverless.App.Storage;

namespace Serverless.App.Workflows;

/// <summary>Reads the document and counts its bytes.</summary>
internal sealed class CountBytesActivity(StorageClients clients) : TaskActivity<DocumentRef, long>
{
    public override async Task<long> RunAsync(TaskActivityContext context, DocumentRef input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return await DocumentReader.FoldAsync(clients, input, 0L, static (count, chunk) => count + chunk.Length, CancellationToken.None);
    }
}
