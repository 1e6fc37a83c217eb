using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Serverless.App.Workflows;

/// <summary>
/// Instance ids are <c>{tenant}~{local id}</c>: the prefix ties every instance to one tenant, so an id
/// of another tenant never resolves (404), and listing by prefix stays inside the tenant.
/// </summary>
internal static partial class WorkflowIds
{
    public const char Separator = '~';

    /// <summary>The id of the workflow for one content version: the same bytes always map to the same instance.</summary>
    public static string ForContent(string tenant, string contentSha256) => $"{tenant}{Separator}{contentSha256}";

    /// <summary>The id for a caller's idempotency key: retries with the same key reach the same instance.</summary>
    public static string ForIdempotencyKey(string tenant, string key) =>
        $"{tenant}{Separator}key-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40]}";

    /// <summary>The id for a caller-chosen local id (already validated with <see cref="IsValidLocalId"/>).</summary>
    public static string ForLocalId(string tenant, string localId) => $"{tenant}{Separator}{localId}";

    public static string TenantPrefix(string tenant) => $"{tenant}{Separator}";

    public static bool BelongsTo(string instanceId, string tenant) =>
        instanceId.StartsWith(TenantPrefix(tenant), StringComparison.Ordinal) && instanceId.Length > tenant.Length + 1;

    /// <summary>Caller-chosen ids: 1-100 letters, digits, '.', '_' or '-'.</summary>
    public static bool IsValidLocalId(string? localId) => localId is not null && LocalIdPattern().IsMatch(localId);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalIdPattern();
}
