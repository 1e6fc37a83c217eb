using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serverless.Functions.Http;
using Serverless.LocalHost.Hosting;
using Serverless.Testing;

namespace Serverless.Functions.Tests;

/// <summary>
/// Both hosts composed from their own composition code, built but never started (nothing connects to storage):
/// the document pipeline configured, so that every optional endpoint (search, usage) and workflow is there.
/// </summary>
internal static class Hosts
{
    public static Dictionary<string, string?> Settings() =>
        LocalPipelineSettings.Create("UseDevelopmentStorage=true", new Uri("http://127.0.0.1:9/"))
            .ToDictionary(s => s.Key, s => (string?)s.Value);

    /// <summary>The local host as its Program composes it.</summary>
    public static WebApplication LocalHost()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(Settings());
        builder.AddServerlessLocalHost();
        var app = builder.Build();
        app.MapServerlessLocalHost();
        return app;
    }

    public static IReadOnlyList<RouteEndpoint> LocalEndpoints(WebApplication app) =>
        [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()];

    /// <summary>The Functions app's services as its Program composes them (without the worker's gRPC channel to a host).</summary>
    public static IHost FunctionsApp(IDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings());
        builder.Configuration.AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());
        builder.Services.AddServerlessFunctions(builder.Configuration);
        return builder.Build();
    }

    public static AppEndpoints FunctionsEndpoints(IHost app) => app.Services.GetRequiredService<AppEndpoints>();
}
