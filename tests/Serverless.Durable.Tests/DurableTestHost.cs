using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Storage;
using Serverless.Testing;

namespace Serverless.Durable.Tests;

/// <summary>A real engine (worker + client) on Azurite with a task hub of its own.</summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private DurableTestHost(IHost host, string hubName)
    {
        _host = host;
        HubName = hubName;
    }

    public string HubName { get; }

    public IServiceProvider Services => _host.Services;

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    public EngineHooks Hooks => Services.GetRequiredService<EngineHooks>();

    public TaskHub Hub => Services.GetRequiredService<TaskHub>();

    public static async Task<DurableTestHost> StartAsync(
        AzuriteFixture azurite,
        Action<DurableTaskRegistry> register,
        Action<DurableTaskOptions>? configure = null,
        TimeProvider? time = null,
        string? hubName = null,
        Action<IServiceCollection>? services = null)
    {
        hubName ??= TestNames.Unique("hub");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        services?.Invoke(builder.Services);
        builder.Services.AddDurableTask(
            o =>
            {
                o.ConnectionString = azurite.ConnectionString;
                o.TaskHubName = hubName;
                o.MaxPollingInterval = TimeSpan.FromMilliseconds(200);
                o.OrchestrationVisibilityTimeout = TimeSpan.FromSeconds(3);
                o.ActivityVisibilityTimeout = TimeSpan.FromSeconds(10);
                configure?.Invoke(o);
            },
            register);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new DurableTestHost(host, hubName);
    }

    public async Task<OrchestrationMetadata> RunAsync(string name, object? input = null, StartOrchestrationOptions? options = null, int timeoutSeconds = 30)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, options, TestContext.Current.CancellationToken);
        return await WaitAsync(id, timeoutSeconds);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, int timeoutSeconds = 30)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    public async Task StopAsync() => await _host.StopAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
        }

        _host.Dispose();
    }
}
