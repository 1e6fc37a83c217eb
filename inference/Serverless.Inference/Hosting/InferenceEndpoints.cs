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
        v1.MapGet("/request-keys", (RequestKeyCounter keys) => new RequestKeyList(keys.All()))
            .WithSummary("Successful (billed) calls and all attempts per x-request-key.");
        v1.MapGet("/request-keys/{key}", (string key, RequestKeyCounter keys) =>
                keys.Get(key) is { } count
                    ? Results.Ok(count)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, type: Problems.TypePrefix + "unknown-request-key", title: "Unknown request key.", detail: "No call has been seen with this x-request-key."))
            .WithSummary("Calls seen with one x-request-key.")
            .Produces<RequestKeyCount>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
