using System.ComponentModel.DataAnnotations;

namespace Serverless.Inference.Embedding;

internal sealed class EmbeddingOptions
{
    public const string SectionName = "Inference:Embeddings";

    /// <summary>Texts encoded in one model run; requests waiting together are merged up to this size.</summary>
    [Range(1, 256)]
    public int MaxBatchSize { get; set; } = 16;

    /// <summary>Requests waiting for the model; a request beyond it waits for room (the endpoint's concurrency gate bounds those).</summary>
    [Range(1, 10_000)]
    public int QueueLimit { get; set; } = 64;

    /// <summary>ONNX Runtime intra-op threads for the model (0 = ONNX Runtime's default, one per core).</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }
}
