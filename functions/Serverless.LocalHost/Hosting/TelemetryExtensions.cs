using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serverless.App.Telemetry;

namespace Serverless.LocalHost.Hosting;

internal static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry traces and metrics: the app's and the Durable Task engine's sources, incoming HTTP (not the engine's own
    /// gRPC calls, not health probes) and outgoing HTTP. OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (e.g. the .NET
    /// Aspire dashboard), the console when <c>Telemetry__Console=true</c>.
    /// </summary>
    public static IServiceCollection AddServerlessTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var console = configuration.GetValue("Telemetry:Console", false);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("serverless-localhost"))
            .WithTracing(t =>
            {
                t.AddSource(ServerlessTelemetry.SourceName, ServerlessTelemetry.DurableTaskSdkSource, ServerlessTelemetry.DurableTaskCoreSource)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                        !http.Request.Path.StartsWithSegments("/TaskHubSidecarService", StringComparison.Ordinal)
                        && !http.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal))
                    .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request =>
                        request.RequestUri?.AbsolutePath.StartsWith("/TaskHubSidecarService", StringComparison.Ordinal) != true);
                if (otlp)
                {
                    t.AddOtlpExporter();
                }

                if (console)
                {
                    t.AddConsoleExporter();
                }
            })
            .WithMetrics(m =>
            {
                m.AddMeter(ServerlessTelemetry.SourceName, "Serverless.Pipeline").AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
        return services;
    }
}
