namespace Serverless.Pipeline.Extraction;

/// <summary>A document format recognised from its bytes (never from its name).</summary>
public enum DocumentKind
{
    Unknown,
    Pdf,
    Png,
    Jpeg,
    Tiff,
    Docx,
    Text,
}
