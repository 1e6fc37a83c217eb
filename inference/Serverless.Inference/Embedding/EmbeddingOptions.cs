using System.ComponentModel.DataAnnotations;

namespace Serverless.Inference.Embedding;

internal sealed class EmbeddingOptions
{
    public const string SectionName = "Inference:Embeddings";

    [Range(8, 8192)]
    public int Dimensions { get; set; } = 1024;

    /// <summary>Learn inverse document frequencies from the texts embedded so far.</summary>
    public bool LearnIdf { get; set; } = true;

    /// <summary>Texts seen before learned IDF weights apply (until then every feature weighs 1).</summary>
    [Range(0, int.MaxValue)]
    public int MinDocumentsForIdf { get; set; } = 20;
}
