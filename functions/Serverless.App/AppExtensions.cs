using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Serverless.App.Api;
using Serverless.App.Dashboard;
using Serverless.App.Ingestion;
using Serverless.App.Rejections;
using Serverless.App.Security;
using Serverless.App.Storage;
using Serverless.App.Workflows;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Indexing;
using Serverless.Pipeline.Workflow;

namespace Serverless.App;

/// <summary>The application both hosts run. Who delivers triggers and which engine runs the workflows is the host's business.</summary>
internal static class AppExtensions
{
    public static IServiceCollection AddServerlessApp(this IServiceCollection services, IConfiguration configuration)
    {
        // Configuration is read when options are first resolved, so that every source (tests included) counts.
        services.AddOptions<AppOptions>()
            .Bind(configuration.GetSection(AppOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ErpInboundOptions>()
            .Bind(configuration.GetSection(ErpInboundOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ErpInboundOptions>, ErpInboundOptionsValidator>());

        services.AddOptions<FormOptions>().Configure<IOptions<AppOptions>>((f, app) =>
            f.MultipartBodyLengthLimit = app.Value.MaxRequestBodyBytes);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.AddOpenApi();

        services.AddHostedService<StorageInitializer>();
        services.AddSingleton<WorkflowService>();
        services.AddSingleton<Housekeeping>();
        services.TryAddSingleton<IWorkflowHistory, ClientWorkflowHistory>();
        services.AddSingleton<BlobIngestor>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<StartReceipts>();
        services.AddSingleton<ErpSourceMap>();
        services.AddSingleton<RejectionStore>();
        services.AddSingleton<IntakeListingHealth>();
        services.AddServerlessSecurity();
        services.AddServerlessPipeline(configuration);
        return services;
    }

    /// <summary>The orchestrators and activities the app runs, for whichever engine hosts them.</summary>
    public static DurableTaskRegistry AddServerlessWorkflows(this DurableTaskRegistry registry, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<DocumentStatsOrchestrator>()
            .AddActivity<CountBytesActivity>()
            .AddActivity<CountLinesActivity>();
        if (PipelineRegistration.IsPipelineEnabled(configuration))
        {
            registry.AddDocumentWorkflow();
        }

        return registry;
    }

    public static IEndpointRouteBuilder MapServerlessApp(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapWorkflowApi();
        app.MapRejectionsApi();
        app.MapDashboard();
        if (app.ServiceProvider.GetService<PipelineArtifacts>() is not null)
        {
            app.MapDocumentsApi();
        }

        if (app.ServiceProvider.GetService<IVectorIndex>() is not null)
        {
            app.MapSearchApi();
        }

        if (app.ServiceProvider.GetService<UsageStore>() is not null)
        {
            app.MapUsageApi();
        }

        return app;
    }
}
