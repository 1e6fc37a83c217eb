namespace Serverless.Inference.Ocr;

internal enum DocumentKind
{
    Unknown,
    Png,
    Jpeg,
    Tiff,
    Pdf,
}
