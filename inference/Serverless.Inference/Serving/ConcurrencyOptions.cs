namespace Serverless.Inference.Serving;

/// <summary>Bounded concurrency of the model endpoints (section <c>Inference:Concurrency</c>).</summary>
internal sealed class ConcurrencyOptions
{
    public const string SectionName = "Inference:Concurrency";

    public EndpointConcurrency Ocr { get; set; } = new() { PermitLimit = 4, QueueLimit = 16, RetryAfterSeconds = 2 };

    public EndpointConcurrency Embeddings { get; set; } = new() { PermitLimit = 8, QueueLimit = 64 };

    public EndpointConcurrency Summarize { get; set; } = new();

    public EndpointConcurrency Classify { get; set; } = new();

    public EndpointConcurrency For(string endpoint) => endpoint switch
    {
        EndpointNames.Ocr => Ocr,
        EndpointNames.Embeddings => Embeddings,
        EndpointNames.Summarize => Summarize,
        EndpointNames.Classify => Classify,
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "No such gated endpoint."),
    };
}
