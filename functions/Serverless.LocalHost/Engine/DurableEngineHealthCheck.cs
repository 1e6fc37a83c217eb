using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Serverless.LocalHost.Engine;

/// <summary><c>/healthz</c>'s <c>engine</c> entry: which engine runs the workflows, on which task hub, and whether it is serving.</summary>
internal sealed class DurableEngineHealthCheck(LocalEngine engine) : IHealthCheck
{
    private static readonly string EngineVersion =
        typeof(DurableTask.AzureStorage.AzureStorageOrchestrationService).Assembly.GetName().Version?.ToString(3) ?? "?";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var options = engine.Options;
        var description = $"Durable Task SDK worker on DurableTask.AzureStorage {EngineVersion} (task hub {options.HubName}, {options.StorageProvider.PartitionCount} partitions)";
        var data = new Dictionary<string, object>
        {
            ["engine"] = $"DurableTask.AzureStorage {EngineVersion}",
            ["taskHub"] = options.HubName,
            ["partitionCount"] = options.StorageProvider.PartitionCount,
        };
        return Task.FromResult(engine.IsServing
            ? HealthCheckResult.Healthy(description, data)
            : HealthCheckResult.Unhealthy(description + ": not serving", data: data));
    }
}
