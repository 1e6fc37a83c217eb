using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Serverless.App.Storage;

namespace Serverless.App.Ingestion;

/// <summary>
/// Stores an uploaded file content-addressed under <c>uploads/{tenant}/{sha256}/{file name}</c>, so
/// that the same bytes uploaded twice land in one place and a workflow reads exactly what was sent.
/// Callers validate the name, size and type first; nothing is written for a rejected upload.
/// </summary>
internal sealed class UploadStore(StorageClients clients, IOptions<AppOptions> options)
{
    public async Task<(string Container, string BlobName, string Sha256)> SaveAsync(
        string tenant, string fileName, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var name = $"{tenant}/{sha256}/{fileName}";
        var container = clients.Blobs.GetBlobContainerClient(options.Value.UploadsContainer);
        await container.GetBlobClient(name).UploadAsync(
            BinaryData.FromBytes(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);
        return (container.Name, name, sha256);
    }

    public BlobClient Incoming(string tenant, string relativeName) =>
        clients.Blobs.GetBlobContainerClient(options.Value.IncomingContainer).GetBlobClient($"{tenant}/{relativeName}");
}
