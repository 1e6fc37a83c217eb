using System.Buffers;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;

namespace Serverless.App.Ingestion;

/// <summary>One content version of a blob: the SHA-256 of its bytes, the ETag it was read at, and its sniffed type.</summary>
internal sealed record BlobVersion(string Sha256, ETag ETag, long Length, string? ContentType)
{
    /// <summary>Streams the blob once to hash and sniff it; null when the blob does not exist.</summary>
    public static async Task<BlobVersion?> ReadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            using var download = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var head = new byte[ContentSniffer.SniffLength];
            var headLength = 0;
            long length = 0;
            var buffer = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                int read;
                while ((read = await download.Content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    var take = Math.Min(read, head.Length - headLength);
                    buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                    headLength += take;
                    length += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return new BlobVersion(
                Convert.ToHexStringLower(hash.GetHashAndReset()), download.Details.ETag, length, ContentSniffer.Sniff(head.AsSpan(0, headLength)));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
