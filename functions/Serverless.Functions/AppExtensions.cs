using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serverless.Durable;
using Serverless.Functions.Api;
using Serverless.Functions.CustomHandler;
using Serverless.Functions.Hosting;
using Serverless.Functions.Ingestion;
using Serverless.Functions.Security;
using Serverless.Functions.Storage;
using Serverless.Functions.Workflows;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Indexing;
using Serverless.Pipeline.Workflow;

namespace Serverless.Functions;

internal static class AppExtensions
{
    /// <summary>
    /// Everything the app is made of. The mode decides only who delivers triggers: in local host mode
    /// the blob watcher / Event Grid listener and the engine's own queue workers run here; in Functions
    /// mode (FUNCTIONS_CUSTOMHANDLER_PORT set, or --mode functions) the host delivers them to /{FunctionName}.
    /// </summary>
    public static IServiceCollection AddServerlessApp(this IServiceCollection services, IConfiguration configuration)
    {
        // Configuration is read when options are first resolved, so that every source (tests included) counts.
        services.AddOptions<AppOptions>()
            .Bind(configuration.GetSection(AppOptions.SectionName))
            .PostConfigure(o =>
            {
                if (!string.IsNullOrWhiteSpace(configuration[HostingExtensions.CustomHandlerPortVariable])
                    || string.Equals(configuration["mode"], nameof(HostMode.Functions), StringComparison.OrdinalIgnoreCase))
                {
                    o.Mode = HostMode.Functions;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<AppOptions>>((k, app) =>
            k.Limits.MaxRequestBodySize = app.Value.MaxRequestBodyBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<AppOptions>>((f, app) =>
            f.MultipartBodyLengthLimit = app.Value.MaxRequestBodyBytes);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.AddOpenApi();

        services.AddHostedService<StorageInitializer>();
        services.AddSingleton<WorkflowService>();
        services.AddSingleton<BlobIngestor>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<BlobWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<BlobWatcher>());
        services.AddSingleton<EventGridIngestionService>();
        services.AddHostedService(sp => sp.GetRequiredService<EventGridIngestionService>());
        services.AddServerlessSecurity();
        services.AddCustomHandler();
        services.AddServerlessPipeline(configuration);

        services.AddDurableTask(
            _ => { },
            r =>
            {
                r.AddOrchestrator<DocumentStatsOrchestrator>()
                    .AddActivity<CountBytesActivity>()
                    .AddActivity<CountLinesActivity>();
                if (PipelineRegistration.IsPipelineEnabled(configuration))
                {
                    r.AddDocumentWorkflow();
                }
            });
        services.AddOptions<DurableTaskOptions>().Configure<IOptions<AppOptions>, IOptions<StorageOptions>>((o, app, storage) =>
        {
            o.ConnectionString = storage.Value.ConnectionString;
            o.TaskHubName = app.Value.TaskHub;

            // In Functions mode the host's queue triggers deliver the engine's messages to /DurableOrchestrations etc.
            o.StartWorker = app.Value.Mode == HostMode.Local;
            o.MaxPollingInterval = app.Value.MaxPollingInterval;
        });
        return services;
    }

    public static WebApplication MapServerlessApp(this WebApplication app)
    {
        app.UseServerlessSecurity();
        app.MapOpenApi().AllowAnonymous();
        app.MapWorkflowApi();
        if (app.Services.GetService<IVectorIndex>() is not null)
        {
            app.MapSearchApi();
        }

        if (app.Services.GetService<UsageStore>() is not null)
        {
            app.MapUsageApi();
        }

        if (app.Services.GetRequiredService<IOptions<AppOptions>>().Value.Mode == HostMode.Functions)
        {
            // Only the Functions host calls /{FunctionName}; in local host mode these routes do not exist.
            app.MapCustomHandler();
        }
        return app;
    }
}
