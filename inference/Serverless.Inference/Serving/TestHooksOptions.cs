using System.ComponentModel.DataAnnotations;

namespace Serverless.Inference.Serving;

/// <summary>
/// Test hooks (section <c>Inference:TestHooks</c>): per-key call counting for tests and harnesses.
/// Off unless configured, bounded in memory, and the list of keys needs the admin key.
/// </summary>
internal sealed class TestHooksOptions
{
    public const string SectionName = "Inference:TestHooks";

    public const string AdminKeyHeader = "x-admin-key";

    /// <summary>Count calls per <c>x-request-key</c> and serve <c>GET /v1/request-keys/{key}</c>; off in production.</summary>
    public bool RequestKeys { get; set; }

    /// <summary>Most keys remembered; the oldest key is forgotten when a new one would exceed it.</summary>
    [Range(1, 1_000_000)]
    public int MaxRequestKeys { get; set; } = 10_000;

    /// <summary>The key (header <c>x-admin-key</c>) that <c>GET /v1/request-keys</c> (the list of every key) requires; without it the list is never served.</summary>
    public string? AdminKey { get; set; }
}
