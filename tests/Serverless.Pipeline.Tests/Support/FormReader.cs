using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Serverless.Pipeline.Tests.Support;

/// <summary>Reads the part named <c>file</c> of a multipart body (what /v1/ocr receives).</summary>
internal sealed class FormReader(byte[] body, string contentType)
{
    public async Task<byte[]> ReadFileAsync()
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(contentType).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        for (var section = await reader.ReadNextSectionAsync(); section is not null; section = await reader.ReadNextSectionAsync())
        {
            if (section.ContentDisposition is { } disposition && (disposition.Contains("name=file;", StringComparison.Ordinal) || disposition.Contains("name=\"file\"", StringComparison.Ordinal)))
            {
                using var buffer = new MemoryStream();
                await section.Body.CopyToAsync(buffer);
                return buffer.ToArray();
            }
        }

        throw new InvalidDataException("No part named 'file'.");
    }
}
