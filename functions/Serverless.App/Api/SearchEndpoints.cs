using Serverless.App.Security;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Caching;
using Serverless.Pipeline.Indexing;

namespace Serverless.App.Api;

/// <summary><c>GET /api/v1/search?q=&amp;k=</c>: the caller's tenant's chunks that best match the query (hybrid: cosine + BM25, fused by reciprocal rank).</summary>
internal static class SearchEndpoints
{
    public const int MaxK = 50;
    public const int MaxQueryLength = 2000;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1")
            .RequireAuthorization()
            .RequireRateLimiting(SecurityExtensions.PerKeyPolicy)
            .MapGet("/search", SearchAsync)
            .WithTags("search")
            .WithName("Search")
            .WithSummary("The k chunks of the caller's tenant most similar to q: document id, chunk, page, text, score.");
        return app;
    }

    private static async Task<IResult> SearchAsync(string? q, int? k, HttpContext http, AiStepFactory steps, IVectorIndex index, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > MaxQueryLength)
        {
            return Problems.BadRequest("invalid-query", $"q must be 1 to {MaxQueryLength} characters.");
        }

        var count = k ?? 5;
        if (count is < 1 or > MaxK)
        {
            return Problems.BadRequest("invalid-k", $"k must be between 1 and {MaxK}.");
        }

        // The embed step's normal route: the query must be embedded by the model the index was built with.
        var embedder = steps.Embedder(confidential: false);
        var vector = await embedder.EmbedQueryAsync(q, ct);
        var tenant = http.User.GetTenant();
        var hits = await index.SearchAsync(tenant, q, vector.Vectors[0], count, ct);
        var registry = http.RequestServices.GetService<DocumentRegistry>();
        var workflows = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var id in hits.Select(h => h.DocumentId).Distinct(StringComparer.Ordinal))
        {
            workflows[id] = registry is not null && ContentHash.IsValid(id) ? (await registry.GetAsync(tenant, id, ct))?.WorkflowId : null;
        }

        return Results.Ok(hits.Select(h => new SearchResultItem(h.DocumentId, h.ChunkIndex, h.Page, h.Score, h.Text, h.DocumentName, workflows[h.DocumentId])).ToList());
    }
}
