using System.Collections.Frozen;

namespace Serverless.App.Dashboard;

/// <summary>
/// The operator dashboard: a static page (HTML, one script, one style sheet, embedded in this assembly) served at
/// <c>/dashboard/</c> (<c>/api/dashboard/</c> in Azure). The page holds no data: it asks for an API key and reads
/// everything through the HTTP API under that key, so it sees exactly what the key's tenant may see. The files are
/// served with a strict content security policy (no inline script, no other origin).
/// </summary>
internal static class DashboardEndpoints
{
    public const string Route = "/dashboard/{*path}";
    private const string ResourcePrefix = "Serverless.App.Dashboard.wwwroot.";

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(Load);

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        // Routing matches "/dashboard/" here too: only the bare path is redirected, so that relative asset links resolve.
        app.MapGet("/dashboard", (HttpContext http) =>
                http.Request.Path.Value?.EndsWith('/') == true ? Serve(null, http) : Results.Redirect(http.Request.PathBase + http.Request.Path + "/"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapGet(Route, Serve)
            .AllowAnonymous()
            .WithTags("dashboard")
            .WithName("Dashboard")
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The names of the dashboard's files (for tests and the publish check).</summary>
    public static IReadOnlyCollection<string> FileNames => Files.Value.Keys;

    private static IResult Serve(string? path, HttpContext http)
    {
        var name = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (!Files.Value.TryGetValue(name, out var content) || !ContentTypes.TryGetValue(Path.GetExtension(name), out var type))
        {
            return Results.NotFound();
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return Results.Bytes(content, type);
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[ResourcePrefix.Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
