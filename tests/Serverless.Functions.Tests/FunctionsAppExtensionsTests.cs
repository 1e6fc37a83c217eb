using Microsoft.ApplicationInsights;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Functions.Tests;

/// <summary>The worker's composition: Application Insights is all or nothing (one half alone crashes the worker at start).</summary>
public sealed class FunctionsAppExtensionsTests
{
    private const string FunctionsApplicationInsights = "Microsoft.Azure.Functions.Worker.ApplicationInsights";

    [Fact]
    public void AddServerlessFunctions_ApplicationInsightsConfigured_AddsTheTelemetryAndTheFunctionsIntegration()
    {
        var services = Compose(new Dictionary<string, string?>
        {
            [FunctionsAppExtensions.ApplicationInsightsSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000",
        });

        services.ShouldContain(d => d.ServiceType == typeof(TelemetryClient));
        services.ShouldContain(d => FromFunctionsApplicationInsights(d));
    }

    [Fact]
    public void AddServerlessFunctions_ApplicationInsightsNotConfigured_AddsNeither()
    {
        var services = Compose(new Dictionary<string, string?>());

        services.ShouldNotContain(d => d.ServiceType == typeof(TelemetryClient));
        services.ShouldNotContain(d => FromFunctionsApplicationInsights(d));
    }

    private static ServiceCollection Compose(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Hosts.Settings()).AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddServerlessFunctions(configuration);
        return services;
    }

    private static bool FromFunctionsApplicationInsights(ServiceDescriptor descriptor) =>
        new[] { descriptor.ServiceType, descriptor.ImplementationType, descriptor.ImplementationInstance?.GetType() }
            .Any(t => t?.Assembly.GetName().Name == FunctionsApplicationInsights);
}
