using Serverless.App.Security;
using Serverless.Pipeline.Cost;

namespace Serverless.App.Api;

/// <summary>
/// <c>GET /api/v1/usage?from=&amp;to=</c>: the caller's tenant's tokens and cost over the workflows that
/// ended in the range (default: the last 30 days), in all, per step kind and per provider/model.
/// </summary>
internal static class UsageEndpoints
{
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1")
            .RequireAuthorization()
            .RequireRateLimiting(SecurityExtensions.PerKeyPolicy)
            .MapGet("/usage", UsageAsync)
            .WithTags("usage")
            .WithName("GetUsage")
            .WithSummary("The caller's tenant's workflows, tokens and cost (in all, per step, per model) for workflows that ended in [from, to); default the last 30 days.")
            .Produces<TenantUsage>();
        return app;
    }

    private static async Task<IResult> UsageAsync(DateTimeOffset? from, DateTimeOffset? to, HttpContext http, UsageStore usage, TimeProvider time, CancellationToken ct)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end - DefaultRange;
        if (end <= start || end - start > MaxRange)
        {
            return Problems.BadRequest("invalid-range", $"'from' must be before 'to', at most {MaxRange.TotalDays:0} days apart (ISO 8601 times).");
        }

        return Results.Json(await usage.QueryAsync(http.User.GetTenant(), start, end, ct), ApiJsonContext.Default.TenantUsage);
    }
}
