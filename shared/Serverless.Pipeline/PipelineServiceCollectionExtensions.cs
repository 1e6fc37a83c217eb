using Azure;
using Azure.Identity;
using Azure.Search.Documents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Caching;
using Serverless.Pipeline.Chunking;
using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Extraction;
using Serverless.Pipeline.Indexing;

namespace Serverless.Pipeline;

/// <summary>Registers the document pipeline's services.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="PipelineOptions"/> from section <see cref="PipelineOptions.SectionName"/> (validated at start),
    /// one resilient HttpClient per configured provider, the extractor, chunker, AI step factory, cost
    /// calculator, step cache, document registry and the configured vector index.
    /// </summary>
    public static IServiceCollection AddDocumentPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(PipelineOptions.SectionName);
        services.AddOptions<PipelineOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>());
        services.AddOptions<HybridSearchOptions>().Bind(configuration.GetSection(HybridSearchOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();

        foreach (var provider in section.GetSection(nameof(PipelineOptions.Providers)).GetChildren())
        {
            services.AddAiHttpClient(provider.Key);
        }

        services.TryAddSingleton<ProviderConcurrency>();
        services.TryAddSingleton<ProviderRouter>();
        services.TryAddSingleton<AiClientFactory>();
        services.TryAddSingleton<CostCalculator>();
        services.TryAddSingleton(sp => Taxonomy.Load(sp.GetRequiredService<IOptions<PipelineOptions>>().Value.TaxonomyPath));
        services.TryAddSingleton<AiStepFactory>();

        services.TryAddSingleton<IOcrClient>(sp =>
        {
            var route = sp.GetRequiredService<ProviderRouter>().Resolve(AiStep.Ocr, confidential: false);
            return new InferenceOcrClient(sp.GetRequiredService<AiClientFactory>().HttpClient(route.Provider));
        });
        services.TryAddSingleton<IDocumentExtractor, DocumentExtractor>();
        services.TryAddSingleton(sp => new TextChunker(sp.GetRequiredService<IOptions<PipelineOptions>>().Value.Limits));

        services.TryAddSingleton<PipelineStorage>();
        services.TryAddSingleton<IStepCache, BlobStepCache>();
        services.TryAddSingleton<DocumentRegistry>();
        services.TryAddSingleton<UsageStore>();
        services.TryAddSingleton<ReviewExamples>();
        services.TryAddSingleton<TenantBudget>();
        services.TryAddSingleton<IVectorIndex>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<PipelineOptions>>().Value.Storage;
            if (storage.VectorIndex != "AzureAISearch")
            {
                return new TableVectorIndex(sp.GetRequiredService<PipelineStorage>(), sp.GetRequiredService<IOptions<HybridSearchOptions>>());
            }

            var endpoint = storage.SearchEndpoint!;
            var client = string.IsNullOrEmpty(storage.SearchApiKey)
                ? new SearchClient(endpoint, storage.SearchIndexName, new DefaultAzureCredential())
                : new SearchClient(endpoint, storage.SearchIndexName, new AzureKeyCredential(storage.SearchApiKey));
            return new AzureSearchVectorIndex(client);
        });
        return services;
    }
}
