namespace Serverless.Inference.Ocr;

internal static class OcrEngineNames
{
    public const string Tesseract = "tesseract";
    public const string PaddleOnnx = "paddle-onnx";
}
