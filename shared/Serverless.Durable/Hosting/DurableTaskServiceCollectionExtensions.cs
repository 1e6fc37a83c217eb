using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Durable.Replay;
using Serverless.Durable.Storage;

namespace Serverless.Durable;

/// <summary>Registers the durable engine: client, Azure Storage backend, message handler and (optionally) the worker.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine. <paramref name="configure"/> sets <see cref="DurableTaskOptions"/> (validated at start);
    /// <paramref name="register"/> names the orchestrators and activities this process can run.
    /// </summary>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, Action<DurableTaskOptions> configure, Action<DurableTaskRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(register);
        services.AddOptions<DurableTaskOptions>().Configure(configure)
            .Validate(o => System.ComponentModel.DataAnnotations.Validator.TryValidateObject(o, new(o), null, validateAllProperties: true), "DurableTask options are invalid (TaskHubName: 3-45 letters or digits starting with a letter; concurrency and limits in range).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "DurableTask:ConnectionString is required.")
            .ValidateOnStart();
        var registry = new DurableTaskRegistry();
        register(registry);
        services.AddSingleton(registry);
        foreach (var type in registry.ActivityTypes.Concat(registry.OrchestratorTypes))
        {
            services.TryAddTransient(type);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EngineHooks>();
        services.AddSingleton<TaskHub>();
        services.AddSingleton<HistoryStore>();
        services.AddSingleton<StatusWriter>();
        services.AddSingleton<PoisonStore>();
        services.AddSingleton(sp => new OrchestrationExecutor(
            (name, version) => registry.ResolveOrchestrator(sp, name, version),
            sp.GetService<ILoggerFactory>(),
            sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value.MaxHistoryEvents));
        services.AddSingleton<OrchestrationProcessor>();
        services.AddSingleton<ActivityProcessor>();
        services.AddSingleton<IDurableMessageHandler, DurableMessageHandler>();
        services.AddSingleton<DurableTaskClient, StorageDurableTaskClient>();
        services.AddSingleton<DurableTaskWorker>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value.StartWorker
            ? sp.GetRequiredService<DurableTaskWorker>()
            : new NoWorker());
        return services;
    }

    private sealed class NoWorker : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
