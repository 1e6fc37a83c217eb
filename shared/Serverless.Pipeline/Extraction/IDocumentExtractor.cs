namespace Serverless.Pipeline.Extraction;

/// <summary>Turns a document's bytes into page texts, or rejects it with a stable error code.</summary>
public interface IDocumentExtractor
{
    /// <summary>
    /// Extracts the text of <paramref name="content"/>. <paramref name="fileName"/> is only checked against
    /// the sniffed format (a mismatch is rejected); it never decides the format.
    /// </summary>
    /// <exception cref="DocumentRejectedException">The document is malformed, hostile or over a limit (fatal).</exception>
    /// <exception cref="StepFailedException">OCR failed (see <see cref="StepFailedException.IsTransient"/>).</exception>
    Task<ExtractionResult> ExtractAsync(ReadOnlyMemory<byte> content, string? fileName, CancellationToken cancellationToken);
}
