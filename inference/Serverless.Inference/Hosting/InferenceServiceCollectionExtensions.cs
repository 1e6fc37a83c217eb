using Microsoft.AspNetCore.Http.Features;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serverless.Inference.Classification;
using Serverless.Inference.Embedding;
using Serverless.Inference.Ocr;
using Serverless.Inference.Serving;
using Serverless.Inference.Summarization;
using Serverless.Inference.Text;

namespace Serverless.Inference.Hosting;

internal static class InferenceServiceCollectionExtensions
{
    public static WebApplicationBuilder AddInference(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<InferenceOptions>().Bind(configuration.GetSection(InferenceOptions.SectionName)).ValidateOnStart();
        services.AddOptions<OcrOptions>().Bind(configuration.GetSection(OcrOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FaultOptions>().Bind(configuration.GetSection(FaultOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TestHooksOptions>().Bind(configuration.GetSection(TestHooksOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClassificationOptions>().Bind(configuration.GetSection(ClassificationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmbeddingOptions>().Bind(configuration.GetSection(EmbeddingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConcurrencyOptions>().Bind(configuration.GetSection(ConcurrencyOptions.SectionName))
            .Validate(o => EndpointNames.Gated.All(n => o.For(n) is { PermitLimit: >= 1, QueueLimit: >= 0, RetryAfterSeconds: >= 1 }), "Inference:Concurrency:<Endpoint>: PermitLimit must be >= 1, QueueLimit >= 0 and RetryAfterSeconds >= 1.")
            .ValidateOnStart();

        var maxBytes = configuration.GetValue<long?>($"{LimitsOptions.SectionName}:{nameof(LimitsOptions.MaxRequestBytes)}") ?? new LimitsOptions().MaxRequestBytes;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBytes);
        services.Configure<FormOptions>(f =>
        {
            f.MultipartBodyLengthLimit = maxBytes;
            f.ValueCountLimit = 64;
        });

        ReserveThreadsForEngineProcesses(configuration);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Readiness>();
        services.AddSingleton<ConcurrencyGates>();
        services.AddSingleton<RequestKeyCounter>();
        services.AddSingleton<InferenceMetrics>();
        services.AddSingleton<TokenCounter>();
        services.AddSingleton<ArcticEmbedder>();
        services.AddSingleton(sp => new EmbeddingCache(sp.GetRequiredService<ArcticEmbedder>()));
        services.AddSingleton<HybridClassifier>();
        services.AddSingleton<TextRankSummarizer>();
        services.AddSingleton<PageRasterizer>();
        services.AddSingleton<OcrService>();
        services.AddSingleton<IOcrEngine, TesseractEngine>();
        if (configuration.GetValue($"{OcrOptions.SectionName}:{nameof(OcrOptions.PaddleEnabled)}", true))
        {
            services.AddSingleton<IOcrEngine, PaddleOnnxEngine>();
        }

        services.AddHostedService<EmbedderWarmup>();
        services.AddHostedService<EngineWarmup>();

        // Framework-made problems (malformed JSON, wrong content type, unknown path) get a detail too, as the contract requires.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Detail ??= c.ProblemDetails.Status switch
        {
            StatusCodes.Status400BadRequest => "The request body could not be read: malformed JSON or a field of the wrong type.",
            StatusCodes.Status404NotFound => "No such endpoint; see /openapi/v1.json.",
            StatusCodes.Status405MethodNotAllowed => "This endpoint does not accept that method; see /openapi/v1.json.",
            StatusCodes.Status415UnsupportedMediaType => "Send JSON with 'Content-Type: application/json' (OCR: multipart/form-data).",
            _ => c.ProblemDetails.Title,
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, InferenceJsonContext.Default));
        services.AddOpenApi();

        // Traces continue the caller's (W3C trace context on every request): a document's trace reaches the model calls.
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("serverless-inference"))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/readyz", StringComparison.Ordinal)
                    && !http.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal));
                if (otlp)
                {
                    t.AddOtlpExporter();
                }

                if (configuration.GetValue("Inference:Tracing:ConsoleExporter", false))
                {
                    t.AddConsoleExporter();
                }
            })
            .WithMetrics(m =>
        {
            m.AddMeter(InferenceMetrics.MeterName);
            if (otlp)
            {
                m.AddOtlpExporter();
            }

            if (configuration.GetValue("Inference:Metrics:ConsoleExporter", false))
            {
                m.AddConsoleExporter();
            }
        });
        return builder;
    }

    /// <summary>
    /// On Linux, reading a child process's stdout and stderr holds a pool thread each for the whole
    /// run (anonymous pipes have no async I/O there). With the pool's floor at the core count, parallel
    /// pages would wait for the pool to grow; this raises the floor to what the pages need.
    /// </summary>
    private static void ReserveThreadsForEngineProcesses(IConfiguration configuration)
    {
        var pages = configuration.GetValue<int?>($"{OcrOptions.SectionName}:{nameof(OcrOptions.MaxParallelPages)}") is > 0 and var configured
            ? configured
            : Environment.ProcessorCount;
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, (pages * 3) + Environment.ProcessorCount + 4), completionPorts);
    }
}
