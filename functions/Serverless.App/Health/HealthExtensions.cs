using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Serverless.App.Health;

internal static class HealthExtensions
{
    public static IServiceCollection AddServerlessHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage").AddCheck<BlobIntakeHealthCheck>("blob-intake");
        return services;
    }

    /// <summary>
    /// <c>/healthz</c>: 200 with every check's result as JSON when healthy, 503 with the reasons when not.
    /// </summary>
    public static IEndpointRouteBuilder MapServerlessHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthReportJson(
            report.Status.ToString(),
            Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            report.Entries.ToDictionary(
                e => e.Key,
                e => new HealthEntryJson(
                    e.Value.Status.ToString(),
                    e.Value.Description,
                    e.Value.Data.ToDictionary(d => d.Key, d => d.Value?.ToString() ?? ""))));
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJsonContext.Default.HealthReportJson, context.RequestAborted);
    }
}
