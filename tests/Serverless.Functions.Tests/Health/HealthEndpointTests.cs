using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Functions.Tests.Health;

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
    public async Task Healthz_StorageUnreachable_Returns503WithReasonPerService()
    {
        var closed = AzuriteFixture.FreePort();

        // Functions mode: in local host mode the durable engine's worker creates its task hub at start
        // and stops the app when storage is unreachable; this test is about /healthz reporting it.
        await using var app = CreateApp(AzuriteFixture.ConnectionStringFor(closed, closed, closed), functionsMode: true);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var json = await ReadJsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        json.RootElement.GetProperty("status").GetString().ShouldBe("Unhealthy");
        var storage = json.RootElement.GetProperty("checks").GetProperty("storage");
        var description = storage.GetProperty("description").GetString();
        description.ShouldNotBeNull();
        description.ShouldStartWith("Storage is not reachable:");
        description.ShouldContain("blob:");
        description.ShouldContain("queue:");
        description.ShouldContain("table:");
        storage.GetProperty("data").GetProperty("blob").GetString().ShouldNotBe("reachable");
    }

    [Fact]
    public async Task Startup_StorageNotConfigured_FailsNamingTheSetting()
    {
        await using var app = CreateApp("");

        var error = Should.Throw<Exception>(() => app.CreateClient());

        Flatten(error).ShouldContain("AzureWebJobsStorage");
    }

    private static WebApplicationFactory<Program> CreateApp(string connectionString, bool functionsMode = false) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["AzureWebJobsStorage"] = connectionString,
                    ["mode"] = functionsMode ? "functions" : null,
                    ["App:Ingestion"] = "None",
                })));

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
