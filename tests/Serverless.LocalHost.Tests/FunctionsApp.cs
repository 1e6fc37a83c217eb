using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.DurableTask.Client;
using Serverless.App.Security;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests;

/// <summary>Unique storage names for one test: two apps given the same names share one deployment's storage.</summary>
internal sealed record AppNames(string Incoming, string Uploads, string Events, string Receipts, string Keys, string TaskHub)
{
    public string Rejections { get; init; } = "j" + TestNames.Unique("rj");

    public string ErpInbound { get; init; } = TestNames.Unique("erpin");

    public string ErpDocuments { get; init; } = TestNames.Unique("erpdocs");

    public static AppNames Unique() => new(
        TestNames.Unique("in"), TestNames.Unique("up"), TestNames.Unique("ev"),
        "r" + TestNames.Unique("rc"), "k" + TestNames.Unique("ky"), "h" + TestNames.Unique("hub"));
}

/// <summary>The function app hosted in-process against the test's Azurite, with its own storage names.</summary>
internal sealed class FunctionsApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly EventCounter? _events;

    private readonly Action<IServiceCollection>? _services;

    public FunctionsApp(AzuriteFixture azurite, AppNames names, IDictionary<string, string?>? settings = null, EventCounter? events = null, Action<IServiceCollection>? services = null)
    {
        Names = names;
        _events = events;
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["App:IncomingContainer"] = names.Incoming,
            ["App:UploadsContainer"] = names.Uploads,
            ["App:BlobEventsQueue"] = names.Events,
            ["App:BlobReceiptsTable"] = names.Receipts,
            ["App:ApiKeysTable"] = names.Keys,
            ["App:RejectionsTable"] = names.Rejections,
            ["App:ErpInboundQueue"] = names.ErpInbound,
            ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = names.TaskHub,
            ["App:WatchInterval"] = "00:00:00.200",
            ["App:MaxPollingInterval"] = "00:00:00.200",
            ["App:RetryDelay"] = "00:00:00",
            ["App:Workflow"] = "DocumentStats",
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionCount"] = "1",
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public AppNames Names { get; }

    public DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A client that presents a new API key of <paramref name="tenant"/>.</summary>
    public async Task<HttpClient> ClientForAsync(string tenant, bool admin = false)
    {
        var (key, _) = await Get<ApiKeyStore>().CreateAsync(tenant, admin, "test", TestContext.Current.CancellationToken);
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        return client;
    }

    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        // The SDK's wait polls every 2 s through the engine; polling the status directly answers within a poll.
        while (true)
        {
            if (await Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cts.Token) is { IsCompleted: true } done)
            {
                return done;
            }

            await Task.Delay(100, cts.Token);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_events is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(_events));
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public static MediaTypeHeaderValue Json { get; } = new("application/json");
}
