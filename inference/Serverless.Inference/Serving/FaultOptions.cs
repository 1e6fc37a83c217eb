using System.ComponentModel.DataAnnotations;

namespace Serverless.Inference.Serving;

/// <summary>Test switches: injected 429/503 answers and latency on the model endpoints. Off by default.</summary>
internal sealed class FaultOptions
{
    public const string SectionName = "Inference:Faults";

    public bool Enabled { get; set; }

    [Range(0.0, 1.0)]
    public double TooManyRequestsRate { get; set; }

    [Range(0.0, 1.0)]
    public double UnavailableRate { get; set; }

    [Range(0, 600_000)]
    public int RetryAfterMilliseconds { get; set; } = 200;

    [Range(0, 600_000)]
    public int AddedLatencyMilliseconds { get; set; }

    /// <summary>Seed of the fault dice, for repeatable runs; null picks a random seed.</summary>
    public int? Seed { get; set; }
}
