namespace Serverless.Inference.Ocr;

/// <summary>A page rendered to an image file in the request's scratch folder.</summary>
internal sealed record PageImage(int PageNumber, string Path, int Width, int Height);
