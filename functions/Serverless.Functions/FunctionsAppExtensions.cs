using System.Diagnostics;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.App;
using Serverless.App.Health;
using Serverless.App.Storage;
using Serverless.Functions.Durable;
using Serverless.Functions.Http;
using Serverless.Pipeline.Workflow;

namespace Serverless.Functions;

/// <summary>The isolated worker's composition: the app of both hosts, plus what only the Functions adapters need.</summary>
internal static class FunctionsAppExtensions
{
    /// <summary>The setting that switches Application Insights on (what the Functions host and the Bicep template use).</summary>
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static FunctionsApplicationBuilder AddServerlessFunctions(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddServerlessFunctions(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddServerlessFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        // Orchestration and activity payloads, custom status and events: the same JSON as the local host's engine
        // (the Durable extension's data converter wraps the worker's serializer).
        services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(WorkflowData.SerializerOptions));

        // The API's middleware (AppEndpoints) needs what a web host registers; the worker's own web host may already have.
        services.TryAddSingleton(_ => new DiagnosticListener("Microsoft.AspNetCore"));
        services.TryAddSingleton<DiagnosticSource>(sp => sp.GetRequiredService<DiagnosticListener>());
        services.AddProblemDetails();
        services.AddRouting();
        services.AddServerlessStorage(configuration);
        services.AddServerlessHealth();
        services.AddServerlessApp(configuration);
        services.AddDurableClientAccessor();
        services.AddSingleton<AppEndpoints>();

        // The API explorer behind the OpenAPI document reads the endpoints from DI: make them the app's (the worker maps none of its own).
        services.AddSingleton(sp => sp.GetRequiredService<AppEndpoints>().DataSource);

        // Both or neither: ConfigureFunctionsApplicationInsights without the worker-service telemetry crashes the worker at start.
        if (!string.IsNullOrWhiteSpace(configuration[ApplicationInsightsSetting]))
        {
            services.AddApplicationInsightsTelemetryWorkerService();
            services.ConfigureFunctionsApplicationInsights();
        }

        return services;
    }
}
