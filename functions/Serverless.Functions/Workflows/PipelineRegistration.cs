using Microsoft.Extensions.Options;
using Serverless.Functions.Ingestion;
using Serverless.Functions.Storage;
using Serverless.Pipeline;
using Serverless.Pipeline.Notifications;
using Serverless.Pipeline.Workflow;

namespace Serverless.Functions.Workflows;

/// <summary>Composes the document pipeline into the app when it is configured (section <c>Pipeline</c>).</summary>
internal static class PipelineRegistration
{
    /// <summary>True when the entries start <see cref="DocumentPipeline"/> (App:Workflow, else whether Pipeline:Providers is configured).</summary>
    public static bool IsPipelineEnabled(IConfiguration configuration) =>
        Enum.TryParse<WorkflowKind>(configuration[$"{AppOptions.SectionName}:{nameof(AppOptions.Workflow)}"], ignoreCase: true, out var kind)
            ? kind == WorkflowKind.DocumentPipeline
            : configuration.GetSection($"{PipelineOptions.SectionName}:{nameof(PipelineOptions.Providers)}").Exists();

    public static IServiceCollection AddServerlessPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.PostConfigure<AppOptions>(o => o.Workflow ??= IsPipelineEnabled(configuration) ? WorkflowKind.DocumentPipeline : WorkflowKind.DocumentStats);
        services.AddSingleton<ErpInboundHandler>();
        services.AddSingleton<ErpIngestionService>();
        services.AddHostedService(sp => sp.GetRequiredService<ErpIngestionService>());
        if (!IsPipelineEnabled(configuration))
        {
            return services;
        }

        services.AddDocumentWorkflow(configuration);

        // The pipeline's storage defaults to the app's own account.
        services.AddOptions<PipelineOptions>().PostConfigure<IOptions<StorageOptions>>((p, storage) =>
        {
            if (string.IsNullOrEmpty(p.Storage.ConnectionString) && p.Storage.BlobServiceUri is null)
            {
                p.Storage.ConnectionString = storage.Value.ConnectionString;
            }
        });
        services.AddErpCompletions(configuration, sp => sp.GetRequiredService<StorageClients>().Queues);
        return services;
    }
}
