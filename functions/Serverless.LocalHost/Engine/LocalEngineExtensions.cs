using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.Options;
using Serverless.App;
using Serverless.App.Workflows;
using Serverless.Pipeline.Workflow;

namespace Serverless.LocalHost.Engine;

internal static class LocalEngineExtensions
{
    /// <summary>
    /// The engine (settings from host.json's <c>extensions.durableTask</c>, then <c>AzureFunctionsJobHost__extensions__durableTask__…</c>),
    /// the SDK's gRPC worker running the app's orchestrators and activities (or <paramref name="tasks"/> instead: the engine
    /// benchmark registers its own), and the SDK's client.
    /// </summary>
    public static IServiceCollection AddLocalDurableEngine(
        this IServiceCollection services, IConfiguration configuration, string hostJsonPath, Action<Microsoft.DurableTask.DurableTaskRegistry>? tasks = null)
    {
        var hostJson = new ConfigurationBuilder().AddJsonFile(hostJsonPath, optional: true).Build();
        services.AddOptions<DurableEngineOptions>()
            .Bind(hostJson.GetSection(DurableEngineOptions.HostJsonSection))
            .Bind(configuration.GetSection(DurableEngineOptions.OverrideSection))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Registered before the worker: started first (the worker connects at start), stopped after it.
        services.AddSingleton<LocalEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalEngine>());
        services.AddSingleton<IWorkflowHistory, AzureStorageWorkflowHistory>();
        services.AddHealthChecks().AddCheck<DurableEngineHealthCheck>("engine");

        services.AddDurableTaskWorker(b => b.UseGrpc().AddTasks(tasks ?? (r => r.AddServerlessWorkflows(configuration))));
        services.AddOptions<GrpcDurableTaskWorkerOptions>(Options.DefaultName).Configure<LocalEngine>((o, engine) => o.Channel = engine.Channel);
        services.AddOptions<DurableTaskWorkerOptions>(Options.DefaultName).Configure<IOptions<DurableEngineOptions>>((o, engine) =>
        {
            o.Concurrency.MaximumConcurrentActivityWorkItems = engine.Value.MaxConcurrentActivityFunctions;
            o.Concurrency.MaximumConcurrentOrchestrationWorkItems = engine.Value.MaxConcurrentOrchestratorFunctions;
            o.DataConverter = WorkflowData.Converter;
        });

        services.AddDurableTaskClient(b => b.UseGrpc());
        services.AddOptions<GrpcDurableTaskClientOptions>(Options.DefaultName).Configure<LocalEngine>((o, engine) => o.Channel = engine.Channel);
        services.AddOptions<DurableTaskClientOptions>(Options.DefaultName).Configure(o => o.DataConverter = WorkflowData.Converter);
        return services;
    }
}
