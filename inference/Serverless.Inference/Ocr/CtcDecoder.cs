using Microsoft.ML.OnnxRuntime.Tensors;
using SixLabors.ImageSharp;

namespace Serverless.Inference.Ocr;

/// <summary>
/// Greedy CTC decoding of the recogniser's output (class 0 is the blank, 1..n the key file's
/// characters, n+1 a space), with each character's time step mapped back to page x so that words get boxes.
/// </summary>
internal static class CtcDecoder
{
    public static RecognizedLine Decode(Tensor<float> output, int item, string[] keys, Rectangle box, double pixelsPerStep)
    {
        var steps = output.Dimensions[1];
        var classes = output.Dimensions[2];
        var chars = new List<(char Char, int Step, float Probability)>();
        var previous = 0;
        for (var t = 0; t < steps; t++)
        {
            var best = 0;
            var bestP = float.MinValue;
            for (var c = 0; c < classes; c++)
            {
                var p = output[item, t, c];
                if (p > bestP)
                {
                    (best, bestP) = (c, p);
                }
            }

            if (best != 0 && best != previous)
            {
                var text = best - 1 < keys.Length ? keys[best - 1] : " ";
                foreach (var ch in text)
                {
                    chars.Add((ch, t, bestP));
                }
            }

            previous = best;
        }

        var words = new List<OcrWord>();
        var start = 0;
        for (var i = 0; i <= chars.Count; i++)
        {
            if (i < chars.Count && !char.IsWhiteSpace(chars[i].Char))
            {
                continue;
            }

            if (i > start)
            {
                var part = chars.GetRange(start, i - start);
                var x0 = box.X + (int)Math.Floor(part[0].Step * pixelsPerStep);
                var x1 = box.X + (int)Math.Ceiling((part[^1].Step + 1) * pixelsPerStep);
                x0 = Math.Clamp(x0, box.Left, box.Right - 1);
                x1 = Math.Clamp(x1, x0 + 1, box.Right);
                var confidence = Math.Round(part.Average(c => c.Probability) * 100, 2);
                words.Add(new OcrWord(new string(part.Select(c => c.Char).ToArray()), confidence, new OcrBox(x0, box.Y, x1 - x0, box.Height)));
            }

            start = i + 1;
        }

        return new RecognizedLine(box, words);
    }
}
