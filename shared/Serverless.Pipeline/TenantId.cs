using System.Text.RegularExpressions;

namespace Serverless.Pipeline;

/// <summary>Tenant ids are used as storage partition keys and filters: only letters, digits, '-' and '_' (1 to 64).</summary>
public static partial class TenantId
{
    public static string Validate(string? tenant) =>
        tenant is not null && Pattern().IsMatch(tenant)
            ? tenant
            : throw new ArgumentException("A tenant id is 1 to 64 letters, digits, '-' or '_'.", nameof(tenant));

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Pattern();
}
