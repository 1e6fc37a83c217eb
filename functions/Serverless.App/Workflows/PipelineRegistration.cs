using Microsoft.Extensions.Options;
using Serverless.App.Ingestion;
using Serverless.App.Storage;
using Serverless.Pipeline;
using Serverless.Pipeline.Notifications;
using Serverless.Pipeline.Workflow;

namespace Serverless.App.Workflows;

/// <summary>Composes the document pipeline into the app (section <c>Pipeline</c>); the demo workflow only when named.</summary>
internal static class PipelineRegistration
{
    /// <summary>True unless <c>App:Workflow</c> names the demo <c>DocumentStats</c> workflow.</summary>
    public static bool IsPipelineEnabled(IConfiguration configuration) =>
        !(Enum.TryParse<WorkflowKind>(configuration[$"{AppOptions.SectionName}:{nameof(AppOptions.Workflow)}"], ignoreCase: true, out var kind)
            && kind == WorkflowKind.DocumentStats);

    public static IServiceCollection AddServerlessPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.PostConfigure<AppOptions>(o => o.Workflow ??= IsPipelineEnabled(configuration) ? WorkflowKind.DocumentPipeline : WorkflowKind.DocumentStats);
        services.AddSingleton<ErpInboundHandler>();
        if (!IsPipelineEnabled(configuration))
        {
            return services;
        }

        services.AddDocumentWorkflow(configuration);

        // A deployment without AI providers must not start and quietly do something else.
        services.AddOptions<PipelineOptions>().Validate(
            p => p.Providers.Count > 0,
            $"{PipelineOptions.SectionName}:{nameof(PipelineOptions.Providers)} is not configured: set at least one provider "
            + $"(e.g. {PipelineOptions.SectionName}__{nameof(PipelineOptions.Providers)}__local__Endpoint), "
            + $"or {AppOptions.SectionName}__{nameof(AppOptions.Workflow)}={nameof(WorkflowKind.DocumentStats)} for the demo workflow.");

        // The pipeline's storage defaults to the app's own account.
        services.AddOptions<PipelineOptions>().PostConfigure<IOptions<StorageOptions>>((p, storage) =>
        {
            if (string.IsNullOrEmpty(p.Storage.ConnectionString) && p.Storage.BlobServiceUri is null)
            {
                if (storage.Value.UsesConnectionString)
                {
                    p.Storage.ConnectionString = storage.Value.ConnectionString;
                }
                else
                {
                    p.Storage.BlobServiceUri = storage.Value.BlobEndpoint();
                    p.Storage.TableServiceUri = storage.Value.TableEndpoint();
                }
            }
        });
        services.AddErpCompletions(configuration, sp => sp.GetRequiredService<StorageClients>().Queues, sp => sp.GetRequiredService<StorageClients>().Tables);
        return services;
    }
}
