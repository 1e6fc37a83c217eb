using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Serverless.Testing;
using Shouldly;

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serverless.App.Health;
using Serverless.App.Storage;

namespace Serverless.LocalHost.Tests.Health;

public sealed class HealthEndpointTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Healthz_AzuriteRunning_ReportsEveryStorageServiceReachable()
    {
        await using var app = CreateApp(azurite.ConnectionString);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var json = await ReadJsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        json.RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
        var storage = json.RootElement.GetProperty("checks").GetProperty("storage");
        storage.GetProperty("status").GetString().ShouldBe("Healthy");
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            storage.GetProperty("data").GetProperty(service).GetString().ShouldBe("reachable");
        }
    }

    [Fact]
    public async Task StorageCheck_StorageUnreachable_UnhealthyWithReasonPerService()
    {
        var closed = AzuriteFixture.FreePort();

        // The local host does not start without its task hub's storage (as the Functions host): the check itself reports it.
        var options = Options.Create(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionStringFor(closed, closed, closed) });
        var check = new StorageHealthCheck(new StorageClients(options), options);
        var result = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        var description = result.Description;
        description.ShouldNotBeNull();
        description.ShouldStartWith("Storage is not reachable:");
        description.ShouldContain("blob:");
        description.ShouldContain("queue:");
        description.ShouldContain("table:");
        result.Data["blob"].ShouldNotBe("reachable");
    }

    [Fact]
    public async Task Startup_StorageNotConfigured_FailsNamingTheSetting()
    {
        await using var app = CreateApp("");

        var error = Should.Throw<Exception>(() => app.CreateClient());

        Flatten(error).ShouldContain("AzureWebJobsStorage");
    }

    private static WebApplicationFactory<Program> CreateApp(string connectionString) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("AzureWebJobsStorage", connectionString)
            .UseSetting("App:Workflow", "DocumentStats")
            .UseSetting("App:Ingestion", "None"));

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), cancellationToken: TestContext.Current.CancellationToken);

    private static string Flatten(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }
}
