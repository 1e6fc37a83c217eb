namespace Serverless.Pipeline.Extraction;

/// <summary>OCR of an image (PNG, JPEG, multi-page TIFF) or of a whole PDF; one result per page.</summary>
public interface IOcrClient
{
    /// <summary>Recognises the text of every page of <paramref name="content"/>.</summary>
    Task<IReadOnlyList<OcrPageText>> RecognizeAsync(ReadOnlyMemory<byte> content, DocumentKind kind, OcrSettings settings, CancellationToken cancellationToken);
}
