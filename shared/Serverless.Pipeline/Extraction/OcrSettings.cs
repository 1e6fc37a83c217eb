namespace Serverless.Pipeline.Extraction;

/// <summary>The OCR language (tesseract code, e.g. "eng") and engine ("tesseract" or "paddle-onnx") sent with each OCR call.</summary>
public sealed record OcrSettings(string Language, string Engine);
