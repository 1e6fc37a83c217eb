using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serverless.App.Storage;

namespace Serverless.App.Health;

/// <summary>Probes each storage service the app depends on and reports which one failed and why.</summary>
internal sealed class StorageHealthCheck(StorageClients clients, IOptions<StorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.HealthProbeTimeout;
        var probes = await Task.WhenAll(
            ProbeAsync("blob", ct => clients.Blobs.GetPropertiesAsync(ct), timeout, cancellationToken),
            ProbeAsync("queue", ct => clients.Queues.GetPropertiesAsync(ct), timeout, cancellationToken),
            ProbeAsync("table", ct => clients.Tables.GetPropertiesAsync(ct), timeout, cancellationToken));

        var data = probes.ToDictionary(p => p.Service, p => (object)(p.Error ?? "reachable"));
        var failed = probes.Where(p => p.Error is not null).ToList();
        return failed.Count == 0
            ? HealthCheckResult.Healthy("Storage is reachable.", data)
            : HealthCheckResult.Unhealthy(
                "Storage is not reachable: " + string.Join("; ", failed.Select(f => $"{f.Service}: {f.Error}")),
                data: data);
    }

    private static async Task<(string Service, string? Error)> ProbeAsync(
        string service, Func<CancellationToken, Task> probe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await probe(cts.Token);
            return (service, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (service, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Azure.RequestFailedException ex)
        {
            return (service, $"HTTP {ex.Status} {ex.ErrorCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or AggregateException or IOException)
        {
            return (service, Describe(ex));
        }
    }

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner.Message;
    }
}
