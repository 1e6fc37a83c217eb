using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Serverless.App;
using Serverless.App.Health;
using Serverless.App.Security;

namespace Serverless.Functions.Http;

/// <summary>
/// The HTTP API of the local host, served from HTTP functions: the app's endpoints (minimal API handlers with their
/// parameter binding, authorization and rate-limit metadata) behind the local host's middleware (problem details for
/// errors and empty error responses, API key authentication, authorization, per-key rate limits). An HTTP function
/// names its route; the endpoint with that route and method handles the request.
/// </summary>
internal sealed class AppEndpoints
{
    /// <summary>host.json's <c>extensions.http.routePrefix</c>: function routes are relative to it.</summary>
    public const string RoutePrefix = "api";

    private readonly Lazy<EndpointDataSource> _dataSource;
    private readonly Lazy<IReadOnlyList<RouteEndpoint>> _endpoints;
    private readonly Lazy<RequestDelegate> _pipeline;

    public AppEndpoints(IServiceProvider services)
    {
        _dataSource = new(() => Collect(services));
        _endpoints = new(() => [.. _dataSource.Value.Endpoints.OfType<RouteEndpoint>()]);
        _pipeline = new(() => BuildPipeline(services));
    }

    /// <summary>The app's endpoints as a data source (what the OpenAPI document describes).</summary>
    public EndpointDataSource DataSource => _dataSource.Value;

    /// <summary>Every endpoint the app maps (the same set as the local host's).</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints => _endpoints.Value;

    /// <summary>
    /// The function route (relative to <see cref="RoutePrefix"/>) of a path of the local host: the API's
    /// <c>/api/v1/…</c> is the same path in both hosts; <c>/healthz</c> and <c>/openapi/…</c> sit under <c>/api</c> in Azure.
    /// </summary>
    public static string FunctionRoute(string localPath)
    {
        ArgumentNullException.ThrowIfNull(localPath);
        var path = localPath.Trim('/');
        return path.StartsWith(RoutePrefix + "/", StringComparison.OrdinalIgnoreCase) ? path[(RoutePrefix.Length + 1)..] : path;
    }

    /// <summary>
    /// The values of the route's parameters (<c>{instanceId}</c>…) from an HTTP trigger's binding data, where the host
    /// puts the route values it matched (the same data that binds a function's <c>string instanceId</c> parameter).
    /// </summary>
    public static Dictionary<string, string> RouteValues(string route, IReadOnlyDictionary<string, object?> bindingData)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(bindingData);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in RoutePatternFactory.Parse(route).Parameters)
        {
            if (bindingData.TryGetValue(parameter.Name, out var value) && value?.ToString() is { } text)
            {
                values[parameter.Name] = text;
            }
        }

        return values;
    }

    /// <summary>The endpoint for <paramref name="method"/> on the function route <paramref name="route"/>, or null when the app maps none (e.g. search without a vector index).</summary>
    public RouteEndpoint? Find(string method, string route) =>
        Endpoints.FirstOrDefault(e =>
            string.Equals(FunctionRoute(e.RoutePattern.RawText ?? ""), route.Trim('/'), StringComparison.OrdinalIgnoreCase)
            && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase) ?? true));

    /// <summary>Handles the request with the endpoint of <paramref name="method"/> <paramref name="route"/>; the response is written to <paramref name="http"/>.</summary>
    public Task InvokeAsync(HttpContext http, string method, string route, IReadOnlyDictionary<string, string>? routeValues = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        foreach (var (name, value) in routeValues ?? new Dictionary<string, string>())
        {
            http.Request.RouteValues[name] = value;
        }

        // Replaces whatever endpoint the worker's own request pipeline selected (the function's), also when there is none.
        var endpoint = Find(method, route);
        http.SetEndpoint(endpoint);
        if (endpoint is null)
        {
            // The local host maps no such endpoint in this configuration: the same 404 it answers.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return _pipeline.Value(http);
    }

    private static CompositeEndpointDataSource Collect(IServiceProvider services)
    {
        var collector = new EndpointCollector(services);
        collector.MapServerlessHealth();
        collector.MapServerlessApp();
        return new CompositeEndpointDataSource(collector.DataSources);
    }

    /// <summary>The local host's middleware (MapServerlessLocalHost), ending in the endpoint's own request delegate.</summary>
    private static RequestDelegate BuildPipeline(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseServerlessSecurity();
        app.Run(http => http.GetEndpoint()?.RequestDelegate is { } handler ? handler(http) : Task.CompletedTask);
        return app.Build();
    }
}
