using System.ComponentModel.DataAnnotations;

namespace Serverless.Pipeline.Indexing;

/// <summary>How the embedded index ranks and what it keeps in memory (<c>Pipeline:Search</c>).</summary>
public sealed class HybridSearchOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Pipeline:Search";

    /// <summary>Weight of the dense (cosine) ranking in the reciprocal rank fusion.</summary>
    [Range(0.0, 10.0)]
    public double DenseWeight { get; set; } = 1.0;

    /// <summary>Weight of the lexical (BM25) ranking in the reciprocal rank fusion.</summary>
    [Range(0.0, 10.0)]
    public double LexicalWeight { get; set; } = 1.0;

    /// <summary>Tenants whose index is held in memory at once; the least recently searched is dropped beyond it (and reloaded when needed).</summary>
    [Range(1, 100_000)]
    public int MaxTenantsInMemory { get; set; } = 64;
}
