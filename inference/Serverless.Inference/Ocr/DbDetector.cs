using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Serverless.Inference.Ocr;

/// <summary>
/// DB (differentiable binarisation) post-processing: threshold the probability map, take
/// connected regions, drop weak or tiny ones, and expand ("unclip") each box by
/// area x ratio / perimeter, as PaddleOCR does for axis-aligned text.
/// </summary>
internal static class DbDetector
{
    private const float Threshold = 0.3f;
    private const float BoxThreshold = 0.6f;
    private const double UnclipRatio = 1.6;
    private const int MinSide = 3;

    // ImageNet statistics in the BGR channel order the models were trained with.
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    public static List<Rectangle> Detect(InferenceSession session, Image<L8> image, int maxSide)
    {
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(image.Width, image.Height));
        var w = Math.Max(32, (int)Math.Round(image.Width * scale / 32) * 32);
        var h = Math.Max(32, (int)Math.Round(image.Height * scale / 32) * 32);
        var input = new DenseTensor<float>([1, 3, h, w]);
        using (var resized = image.Clone(x => x.Resize(w, h)))
        {
            var buffer = input.Buffer;
            var plane = w * h;
            resized.ProcessPixelRows(rows =>
            {
                var span = buffer.Span;
                for (var y = 0; y < h; y++)
                {
                    var row = rows.GetRowSpan(y);
                    for (var x = 0; x < w; x++)
                    {
                        var v = row[x].PackedValue / 255f;
                        for (var c = 0; c < 3; c++)
                        {
                            span[(c * plane) + (y * w) + x] = (v - Mean[c]) / Std[c];
                        }
                    }
                }
            });
        }

        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.First(), input)]);
        var probabilities = results[0].AsEnumerable<float>().ToArray();

        var sx = (double)image.Width / w;
        var sy = (double)image.Height / h;
        return Regions(probabilities, w, h)
            .Select(r => Unclip(r, sx, sy, image.Width, image.Height))
            .Where(r => r.Width >= MinSide && r.Height >= MinSide)
            .ToList();
    }

    private static IEnumerable<(int X0, int Y0, int X1, int Y1)> Regions(float[] p, int w, int h)
    {
        var seen = new bool[p.Length];
        var stack = new Stack<int>();
        for (var start = 0; start < p.Length; start++)
        {
            if (seen[start] || p[start] <= Threshold)
            {
                continue;
            }

            int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1, count = 0;
            double sum = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                int x = i % w, y = i / w;
                (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
                sum += p[i];
                count++;
                Visit(x > 0 ? i - 1 : -1);
                Visit(x < w - 1 ? i + 1 : -1);
                Visit(y > 0 ? i - w : -1);
                Visit(y < h - 1 ? i + w : -1);
            }

            if (sum / count >= BoxThreshold && Math.Min(x1 - x0 + 1, y1 - y0 + 1) >= MinSide)
            {
                yield return (x0, y0, x1 + 1, y1 + 1);
            }
        }

        void Visit(int i)
        {
            if (i >= 0 && !seen[i] && p[i] > Threshold)
            {
                seen[i] = true;
                stack.Push(i);
            }
        }
    }

    private static Rectangle Unclip((int X0, int Y0, int X1, int Y1) r, double sx, double sy, int width, int height)
    {
        double bw = r.X1 - r.X0, bh = r.Y1 - r.Y0;
        var distance = bw * bh * UnclipRatio / (2 * (bw + bh));
        var x0 = Math.Clamp((int)Math.Floor((r.X0 - distance) * sx), 0, width - 1);
        var y0 = Math.Clamp((int)Math.Floor((r.Y0 - distance) * sy), 0, height - 1);
        var x1 = Math.Clamp((int)Math.Ceiling((r.X1 + distance) * sx), x0 + 1, width);
        var y1 = Math.Clamp((int)Math.Ceiling((r.Y1 + distance) * sy), y0 + 1, height);
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }
}
