using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serverless.App.Telemetry;

namespace Serverless.LocalHost.Hosting;

internal static class TelemetryExtensions
{
    public const int DefaultRecentSpans = 20_000;

    /// <summary>
    /// OpenTelemetry traces and metrics: the app's and the Durable Task engine's sources, incoming HTTP (not the engine's own
    /// gRPC calls, not health probes) and outgoing HTTP. OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (e.g. the .NET
    /// Aspire dashboard), the console when <c>Telemetry__Console=true</c>; and the last <c>Telemetry:RecentSpans</c> spans
    /// (default 20,000; 0: none) in memory for the dashboard's trace view.
    /// </summary>
    public static IServiceCollection AddServerlessTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var console = configuration.GetValue("Telemetry:Console", false);
        var recent = configuration.GetValue("Telemetry:RecentSpans", DefaultRecentSpans);
        if (recent > 0)
        {
            var store = new RecentSpans(recent);
            services.AddSingleton(store);
            services.AddSingleton<ITraceStore>(store);
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("serverless-localhost"))
            .WithTracing(t =>
            {
                t.AddSource(ServerlessTelemetry.SourceName, ServerlessTelemetry.DurableTaskSdkSource, ServerlessTelemetry.DurableTaskCoreSource)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                        !http.Request.Path.StartsWithSegments("/TaskHubSidecarService", StringComparison.Ordinal)
                        && !http.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal))
                    // Outgoing calls made on behalf of a document (inside a workflow's span) are kept; the engine's own
                    // background polling of queues and tables (no parent span) and its gRPC hop are not.
                    .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request =>
                        IsInsideASpan(System.Diagnostics.Activity.Current)
                        && request.RequestUri?.AbsolutePath.StartsWith("/TaskHubSidecarService", StringComparison.Ordinal) != true);
                if (recent > 0)
                {
                    t.AddProcessor(sp => sp.GetRequiredService<RecentSpans>());
                }

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
                m.AddMeter(ServerlessTelemetry.SourceName, Serverless.Pipeline.PipelineMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
        return services;
    }

    /// <summary>The filter runs with the request's own span current: it counts when it has a parent.</summary>
    private static bool IsInsideASpan(System.Diagnostics.Activity? current) =>
        current is not null && (current.Source.Name != "System.Net.Http" || current.ParentId is not null);
}
