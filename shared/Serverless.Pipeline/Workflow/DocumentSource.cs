using Azure;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Caching;
using Serverless.Pipeline.Extraction;

namespace Serverless.Pipeline.Workflow;

/// <summary>Reads a workflow's document from storage and checks that the bytes are the version it was started for.</summary>
public sealed class DocumentSource(PipelineStorage storage, IOptions<PipelineOptions> options)
{
    /// <summary>The bytes, and whether the blob's metadata marks the document confidential.</summary>
    /// <exception cref="DocumentVersionChangedException">The blob is gone or holds other bytes.</exception>
    /// <exception cref="DocumentRejectedException">The blob is over <see cref="PipelineLimits.MaxDocumentBytes"/>.</exception>
    public async Task<(byte[] Content, bool MarkedConfidential)> ReadAsync(DocumentPipelineInput document, CancellationToken cancellationToken)
    {
        var blob = storage.Container(document.Container).GetBlobClient(document.BlobName);
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            var limit = options.Value.Limits.MaxDocumentBytes;
            if (properties.ContentLength > limit)
            {
                throw new DocumentRejectedException(ExtractionErrorCodes.TooLarge, $"The document has {properties.ContentLength} bytes; the limit is {limit}.");
            }

            var download = await blob.DownloadContentAsync(new Azure.Storage.Blobs.Models.BlobDownloadOptions
            {
                Conditions = new Azure.Storage.Blobs.Models.BlobRequestConditions { IfMatch = properties.ETag },
            }, cancellationToken).ConfigureAwait(false);
            var content = download.Value.Content.ToArray();
            if (ContentHash.Of(content) != document.ContentSha256)
            {
                throw new DocumentVersionChangedException(
                    $"The blob {document.Container}/{document.BlobName} no longer holds the version this workflow was started for.");
            }

            return (content, Confidentiality.IsMarked(properties.Metadata.AsReadOnly()));
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            throw new DocumentVersionChangedException($"The blob {document.Container}/{document.BlobName} is gone or changed while it was read.", e);
        }
    }

    /// <summary>True when the blob's metadata marks the document confidential (false when the blob is gone).</summary>
    public async Task<bool> MarkedConfidentialAsync(DocumentPipelineInput document, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await storage.Container(document.Container).GetBlobClient(document.BlobName)
                .GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return Confidentiality.IsMarked(properties.Value.Metadata.AsReadOnly());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new DocumentVersionChangedException($"The blob {document.Container}/{document.BlobName} is gone.", e);
        }
    }
}
