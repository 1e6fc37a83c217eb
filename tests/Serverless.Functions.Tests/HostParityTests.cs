using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Functions.Http;

namespace Serverless.Functions.Tests;

/// <summary>One behaviour, two hosts: whatever the local host serves or runs, the Functions app declares, and the reverse.</summary>
public sealed class HostParityTests
{
    [Fact]
    public async Task HttpFunctions_Routes_AreTheLocalHostsRoutes()
    {
        await using var localHost = Hosts.LocalHost();
        var local = Hosts.LocalEndpoints(localHost).SelectMany(Routes).ToHashSet();

        var functions = FunctionsBuildOutput.Functions().Values
            .Select(FunctionsBuildOutput.Trigger)
            .Where(t => (string)t["type"]! == "httpTrigger")
            .SelectMany(t => t["methods"]!.AsArray().Select(m => $"{((string)m!).ToUpperInvariant()} {t["route"]}"))
            .ToHashSet();

        // An endpoint the local host maps for every method (the health checks) matches a function on that route with any method.
        var anyMethod = local.Where(r => r.StartsWith("* ", StringComparison.Ordinal)).Select(r => r[2..]).ToHashSet();
        functions = [.. functions.Select(f => anyMethod.Contains(f.Split(' ', 2)[1]) ? "* " + f.Split(' ', 2)[1] : f)];

        local.ShouldNotBeEmpty();
        functions.Except(local).ShouldBeEmpty("HTTP functions with no local host endpoint");
        local.Except(functions).ShouldBeEmpty("local host endpoints with no HTTP function");
    }

    [Fact]
    public async Task OrchestrationAndActivityFunctions_Names_AreTheLocalWorkersTasks()
    {
        await using var localHost = Hosts.LocalHost();
        var registry = localHost.Services.GetRequiredService<IOptionsMonitor<DurableTaskRegistry>>().Get(Options.DefaultName);
        var localOrchestrators = registry.GetOrchestrators().Select(o => o.Key.Name).ToHashSet(StringComparer.Ordinal);
        var localActivities = registry.GetActivities().Select(a => a.Key.Name).ToHashSet(StringComparer.Ordinal);

        var functions = FunctionsBuildOutput.Functions();
        var orchestrators = functions.Where(f => (string)FunctionsBuildOutput.Trigger(f.Value)["type"]! == "orchestrationTrigger").Select(f => f.Key);
        var activities = functions.Where(f => (string)FunctionsBuildOutput.Trigger(f.Value)["type"]! == "activityTrigger").Select(f => f.Key);

        localOrchestrators.ShouldNotBeEmpty();
        localActivities.ShouldNotBeEmpty();
        orchestrators.ShouldBe(localOrchestrators, ignoreOrder: true);
        activities.ShouldBe(localActivities, ignoreOrder: true);
    }

    [Fact]
    public void HttpFunctions_EveryRoute_IsServedByAnEndpointOfTheFunctionsApp()
    {
        using var functionsApp = Hosts.FunctionsApp();
        var endpoints = Hosts.FunctionsEndpoints(functionsApp);

        var unserved = FunctionsBuildOutput.Functions().Values
            .Select(FunctionsBuildOutput.Trigger)
            .Where(t => (string)t["type"]! == "httpTrigger")
            .SelectMany(t => t["methods"]!.AsArray().Select(m => (Method: (string)m!, Route: (string)t["route"]!)))
            .Where(r => endpoints.Find(r.Method, r.Route) is null)
            .Select(r => $"{r.Method} {r.Route}")
            .ToList();

        unserved.ShouldBeEmpty();
    }

    /// <summary>"METHOD route" as an HTTP function declares it (route relative to host.json's routePrefix).</summary>
    private static IEnumerable<string> Routes(RouteEndpoint endpoint)
    {
        var route = AppEndpoints.FunctionRoute(endpoint.RoutePattern.RawText ?? "");
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
        return methods.Select(m => $"{m.ToUpperInvariant()} {route}");
    }
}
