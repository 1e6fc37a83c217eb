using Microsoft.Extensions.Options;
using Serverless.Inference.Classification;
using Serverless.Inference.Embedding;
using Serverless.Inference.Ocr;
using Serverless.Inference.Serving;
using Serverless.Inference.Summarization;

namespace Serverless.Inference.Hosting;

internal static class InferenceEndpoints
{
    public const string AzureOpenAIPrefix = "/openai/deployments";

    public static WebApplication MapInference(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/v1") || c.Request.Path.StartsWithSegments(AzureOpenAIPrefix), v1 => v1.UseMiddleware<ServingMiddleware>());

        app.MapOpenApi();
        app.MapGet("/healthz", () => TypedResults.Ok(new ReadinessReport("Healthy", new Dictionary<string, string>())))
            .WithSummary("The process is up.");
        app.MapGet("/readyz", (Readiness readiness) =>
            {
                var report = readiness.Report();
                return readiness.IsReady ? Results.Ok(report) : Results.Json(report, InferenceJsonContext.Default.ReadinessReport, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .WithSummary("Ready to serve: tesseract found and the OCR models loaded (503 with the reasons otherwise).");

        var v1 = app.MapGroup("/v1");
        v1.MapOcr().MapEmbeddings().MapSummarize().MapClassify();

        // Azure OpenAI's route shape, so that AzureOpenAIClient works too (the deployment name and api-version are ignored).
        app.MapGroup(AzureOpenAIPrefix + "/{deployment}").MapEmbeddings("CreateEmbeddingsAzureRoute");
        if (app.Services.GetRequiredService<RequestKeyCounter>().Enabled)
        {
            v1.MapRequestKeys(app.Services.GetRequiredService<IOptions<TestHooksOptions>>().Value);
        }

        return app;
    }
}
