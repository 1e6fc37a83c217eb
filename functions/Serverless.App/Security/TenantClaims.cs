using System.Security.Claims;

namespace Serverless.App.Security;

/// <summary>The claims an API key carries, and how endpoints read the caller's tenant.</summary>
internal static class TenantClaims
{
    public const string Tenant = "tenant";
    public const string KeyId = "key_id";
    public const string Scope = "scope";
    public const string AdminScope = "admin";
    public const string AdminPolicy = "admin";

    public static string GetTenant(this ClaimsPrincipal user) =>
        user.FindFirstValue(Tenant) ?? throw new InvalidOperationException("The endpoint requires an authenticated tenant.");
}
