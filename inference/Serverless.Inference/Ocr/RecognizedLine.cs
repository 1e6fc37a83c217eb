using SixLabors.ImageSharp;

namespace Serverless.Inference.Ocr;

/// <summary>A detected text region and the words read in it.</summary>
internal sealed record RecognizedLine(Rectangle Box, IReadOnlyList<OcrWord> Words);
