using System.Buffers;
using Serverless.Functions.Storage;

namespace Serverless.Functions.Workflows;

/// <summary>Streams a document's blob through a fold, so that activities never hold a whole document in memory.</summary>
internal static class DocumentReader
{
    public static async Task<T> FoldAsync<T>(
        StorageClients clients, DocumentRef document, T seed, Func<T, ReadOnlyMemory<byte>, T> fold, CancellationToken cancellationToken)
    {
        var blob = clients.Blobs.GetBlobContainerClient(document.Container).GetBlobClient(document.BlobName);
        await using var stream = await blob.OpenReadAsync(cancellationToken: cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            var state = seed;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                state = fold(state, buffer.AsMemory(0, read));
            }

            return state;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
