using System.Security.Cryptography;
using System.Text;

namespace Serverless.Inference.Serving;

/// <summary>
/// The request-key counters (a test hook, mapped only when <c>Inference:TestHooks:RequestKeys</c> is on): one key's
/// counts to whoever knows the key; the list of every key only with <c>x-admin-key</c> (and never when no admin key is set).
/// </summary>
internal static class RequestKeyEndpoints
{
    public static RouteGroupBuilder MapRequestKeys(this RouteGroupBuilder v1, TestHooksOptions options)
    {
        var adminKey = string.IsNullOrEmpty(options.AdminKey) ? null : Encoding.UTF8.GetBytes(options.AdminKey);
        v1.MapGet("/request-keys", (HttpContext context, RequestKeyCounter keys) =>
                IsAdmin(context.Request, adminKey)
                    ? Results.Ok(new RequestKeyList(keys.All()))
                    : Results.Problem(statusCode: StatusCodes.Status403Forbidden, type: Problems.TypePrefix + "admin-key-required", title: "Forbidden.", detail: $"Listing request keys needs the '{TestHooksOptions.AdminKeyHeader}' header with Inference:TestHooks:AdminKey."))
            .WithSummary("Test hook: successful (billed) calls and all attempts of every x-request-key; needs x-admin-key.")
            .Produces<RequestKeyList>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        v1.MapGet("/request-keys/{key}", (string key, RequestKeyCounter keys) =>
                keys.Get(key) is { } count
                    ? Results.Ok(count)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, type: Problems.TypePrefix + "unknown-request-key", title: "Unknown request key.", detail: "No call has been seen with this x-request-key."))
            .WithSummary("Test hook: calls seen with one x-request-key.")
            .Produces<RequestKeyCount>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static bool IsAdmin(HttpRequest request, byte[]? adminKey)
    {
        var given = request.Headers[TestHooksOptions.AdminKeyHeader].ToString();
        return adminKey is not null && given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), adminKey);
    }
}
