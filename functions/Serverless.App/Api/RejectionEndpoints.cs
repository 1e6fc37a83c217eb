using Serverless.App.Ingestion;
using Serverless.App.Rejections;
using Serverless.App.Security;

namespace Serverless.App.Api;

/// <summary>
/// <c>GET /api/v1/rejections?pageSize=&amp;continuationToken=</c>: the caller's tenant's refused blob drops,
/// ERP events and uploads, newest first (time, entry, escaped name, reason code and message); and
/// <c>GET /api/v1/schemas/erp-inbound</c>: the inbound ERP contract (JSON Schema), anonymous, so that an
/// ERP team can read it before it has a key.
/// </summary>
internal static class RejectionEndpoints
{
    public const int DefaultPageSize = 50;

    public static IEndpointRouteBuilder MapRejectionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1")
            .RequireAuthorization()
            .RequireRateLimiting(SecurityExtensions.PerKeyPolicy)
            .MapGet("/rejections", ListAsync)
            .WithTags("rejections")
            .WithName("ListRejections")
            .WithSummary("The caller's tenant's refused blob drops, ERP events and uploads, newest first; pass continuationToken back for the next page.")
            .Produces<RejectionPage>();
        app.MapGet("/api/v1/schemas/erp-inbound", () => Results.Text(ErpEventSchema.Json, "application/schema+json"))
            .AllowAnonymous()
            .WithTags("schemas")
            .WithName("GetErpInboundSchema")
            .WithSummary("The JSON Schema of the ERP inbound event (com.serverless.erp.document.requested.v1).");
        return app;
    }

    private static async Task<IResult> ListAsync(int? pageSize, string? continuationToken, HttpContext http, RejectionStore rejections, CancellationToken ct)
    {
        var size = pageSize ?? DefaultPageSize;
        if (size is < 1 or > RejectionStore.MaxPageSize)
        {
            return Problems.BadRequest("invalid-page-size", $"pageSize must be between 1 and {RejectionStore.MaxPageSize}.");
        }

        if (continuationToken is { Length: > 1024 })
        {
            return Problems.BadRequest("invalid-continuation-token", "The continuation token is not one this API returned.");
        }

        return Results.Json(await rejections.ListAsync(http.User.GetTenant(), size, continuationToken, ct), ApiJsonContext.Default.RejectionPage);
    }
}
