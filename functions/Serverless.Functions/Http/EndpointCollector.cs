using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Serverless.Functions.Http;

/// <summary>An endpoint route builder that only collects: the app maps its API here as it does on the local host's Kestrel.</summary>
internal sealed class EndpointCollector(IServiceProvider services) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider { get; } = services;

    public ICollection<EndpointDataSource> DataSources { get; } = [];

    public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(ServiceProvider);
}
