using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask;

namespace Serverless.Pipeline.Workflow;

/// <summary>Registers the document workflow: its services and, on the engine's registry, the orchestrator and activities.</summary>
public static class DocumentWorkflowExtensions
{
    /// <summary>The pipeline services (<see cref="PipelineServiceCollectionExtensions.AddDocumentPipeline"/>) plus what the activities use.</summary>
    public static IServiceCollection AddDocumentWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDocumentPipeline(configuration);
        services.AddOptions<DocumentWorkflowOptions>()
            .Bind(configuration.GetSection(DocumentWorkflowOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<DocumentSource>();
        services.TryAddSingleton<PipelineArtifacts>();
        services.AddHttpClient(CallbackNotifier.HttpClientName)
            .ConfigureHttpClient((sp, c) => c.Timeout = sp.GetRequiredService<IOptions<DocumentWorkflowOptions>>().Value.CallbackTimeout);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowNotifier, CallbackNotifier>());
        return services;
    }

    /// <summary>Adds <see cref="DocumentPipeline"/> and its activities (names from the class names).</summary>
    public static DurableTaskRegistry AddDocumentWorkflow(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddOrchestrator<DocumentPipeline>()
            .AddActivity<StartDocumentActivity>()
            .AddActivity<ExtractTextActivity>()
            .AddActivity<ChunkTextActivity>()
            .AddActivity<SummarizeActivity>()
            .AddActivity<ClassifyActivity>()
            .AddActivity<EmbedBatchActivity>()
            .AddActivity<IndexChunksActivity>()
            .AddActivity<PersistResultActivity>()
            .AddActivity<ReleaseDocumentActivity>()
            .AddActivity<RecordUsageActivity>()
            .AddActivity<NotifyActivity>();
    }
}
