using System.Buffers;
using System.Security.Cryptography;
using Azure;
using Serverless.App.Storage;

namespace Serverless.App.Workflows;

/// <summary>
/// Streams a document's blob through a fold, so that activities never hold a whole document in
/// memory, and checks that the bytes are the version the workflow was started for.
/// </summary>
internal static class DocumentReader
{
    public static async Task<T> FoldAsync<T>(
        StorageClients clients, DocumentRef document, T seed, Func<T, ReadOnlyMemory<byte>, T> fold, CancellationToken cancellationToken)
    {
        var blob = clients.Blobs.GetBlobContainerClient(document.Container).GetBlobClient(document.BlobName);
        Stream stream;
        try
        {
            stream = await blob.OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new DocumentChangedException($"The blob {document.Container}/{document.BlobName} no longer exists.", ex);
        }

        await using var _ = stream;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            var state = seed;
            int count;
            while ((count = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, count);
                state = fold(state, buffer.AsMemory(0, count));
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset()) == document.ContentSha256
                ? state
                : throw new DocumentChangedException(
                    $"The blob {document.Container}/{document.BlobName} no longer holds the version this workflow was started for; the new content has its own workflow.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
