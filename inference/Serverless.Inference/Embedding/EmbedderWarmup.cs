using Serverless.Inference.Hosting;

namespace Serverless.Inference.Embedding;

/// <summary>Loads the embedding model at start; /readyz reports it ready only once it is loaded.</summary>
internal sealed partial class EmbedderWarmup(ArcticEmbedder embedder, Readiness readiness, ILogger<EmbedderWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Set synchronously, before the OCR warm-up can mark the start complete.
        readiness.Set(ArcticEmbedder.ModelName, "loading");
        try
        {
            await Task.Run(embedder.Load, stoppingToken);
            readiness.Set(ArcticEmbedder.ModelName, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            readiness.Set(ArcticEmbedder.ModelName, $"{e.GetType().Name}: {e.Message}");
            LogNotReady(logger, ArcticEmbedder.ModelName, e.Message);
        }
    }

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Embedding model {Model} not ready: {Problem}")]
    private static partial void LogNotReady(ILogger logger, string model, string problem);
}
