using System.ComponentModel.DataAnnotations;

namespace Serverless.Inference.Serving;

internal sealed class EndpointConcurrency
{
    /// <summary>Requests served at once.</summary>
    [Range(1, 10_000)]
    public int PermitLimit { get; set; } = 4;

    /// <summary>Requests that may wait for a permit; beyond that the answer is 429.</summary>
    [Range(0, 100_000)]
    public int QueueLimit { get; set; } = 32;

    /// <summary>The Retry-After hint of a 429.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;
}
