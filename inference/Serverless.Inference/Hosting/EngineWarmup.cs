using Serverless.Inference.Ocr;

namespace Serverless.Inference.Hosting;

/// <summary>Prepares every OCR engine at start (finds tesseract, loads the ONNX models) and records the outcome for /readyz.</summary>
internal sealed partial class EngineWarmup(IEnumerable<IOcrEngine> engines, Readiness readiness, ILogger<EngineWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(engines.Select(async engine =>
        {
            string? problem;
            try
            {
                problem = await engine.PrepareAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problem = $"{e.GetType().Name}: {e.Message}";
            }

            readiness.Set(engine.Name, problem);
            if (problem is null)
            {
                LogReady(logger, engine.Name);
            }
            else
            {
                LogNotReady(logger, engine.Name, problem);
            }
        }));
        readiness.Complete();
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "OCR engine {Engine} ready")]
    private static partial void LogReady(ILogger logger, string engine);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "OCR engine {Engine} not ready: {Problem}")]
    private static partial void LogNotReady(ILogger logger, string engine, string problem);
}
