using System.ComponentModel.DataAnnotations;

namespace Serverless.Pipeline;

/// <summary>Where the step cache, the document registry, the usage table and the embedded vector index live. Names in one place.</summary>
public sealed class PipelineStorageOptions
{
    /// <summary>A storage connection string (Azurite locally); when empty, <see cref="BlobServiceUri"/> and <see cref="TableServiceUri"/> with managed identity.</summary>
    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? TableServiceUri { get; set; }

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Pipeline:Storage:CacheContainer must be a valid container name.")]
    public string CacheContainer { get; set; } = "pipeline-cache";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Pipeline:Storage:RegistryTable must be a valid table name.")]
    public string RegistryTable { get; set; } = "PipelineDocuments";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Pipeline:Storage:VectorTable must be a valid table name.")]
    public string VectorTable { get; set; } = "PipelineVectors";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Pipeline:Storage:UsageTable must be a valid table name.")]
    public string UsageTable { get; set; } = "PipelineUsage";

    /// <summary>Reviewed documents kept as labelled examples of each tenant's taxonomy (partition = tenant).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Pipeline:Storage:ReviewExamplesTable must be a valid table name.")]
    public string ReviewExamplesTable { get; set; } = "PipelineReviewExamples";

    /// <summary>"Embedded" (Azure Storage tables, exact cosine) or "AzureAISearch".</summary>
    [Required]
    [RegularExpression("^(Embedded|AzureAISearch)$", ErrorMessage = "Pipeline:Storage:VectorIndex must be Embedded or AzureAISearch.")]
    public string VectorIndex { get; set; } = "Embedded";

    /// <summary>Azure AI Search endpoint and index name, when <see cref="VectorIndex"/> is AzureAISearch (managed identity, or <see cref="SearchApiKey"/>).</summary>
    public Uri? SearchEndpoint { get; set; }

    public string SearchIndexName { get; set; } = "chunks";

    public string? SearchApiKey { get; set; }
}
