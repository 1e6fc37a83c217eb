namespace Serverless.Pipeline.Extraction;

/// <summary>Stable error codes of rejected documents (they appear in failure details and results: never rename one).</summary>
public static class ExtractionErrorCodes
{
    public const string Empty = "document-empty";
    public const string TooLarge = "document-too-large";
    public const string UnknownFormat = "format-unknown";
    public const string ExtensionMismatch = "extension-mismatch";
    public const string PdfEncrypted = "pdf-encrypted";
    public const string PdfMalformed = "pdf-malformed";
    public const string TooManyPages = "too-many-pages";
    public const string ImageTooLarge = "image-too-many-pixels";
    public const string ImageMalformed = "image-malformed";
    public const string DocxMalformed = "docx-malformed";
    public const string ArchiveTooLarge = "archive-too-large";

    /// <summary>Compressed parts (PDF streams, DOCX XML) inflate beyond <see cref="PipelineLimits.MaxDecompressedBytes"/>.</summary>
    public const string DecompressedTooLarge = "decompressed-too-large";
    public const string TextInvalid = "text-invalid";
    public const string TextTooLong = "text-too-long";
    public const string OcrFailed = "ocr-failed";

    /// <summary>Nothing readable: no text layer, and OCR (where there was anything to OCR) found no words.</summary>
    public const string NoText = "no-text";
}
