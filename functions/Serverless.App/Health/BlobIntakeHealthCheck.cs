using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serverless.App.Ingestion;
using Serverless.App.Rejections;

namespace Serverless.App.Health;

/// <summary>
/// Degraded while a folder of the incoming container cannot be listed (the other tenants' drops still start):
/// one data entry per folder with its failures in a row, since when, the next attempt and the last error.
/// </summary>
internal sealed class BlobIntakeHealthCheck(IntakeListingHealth listing) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failures = listing.Failures.ToList();
        if (failures.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Every folder of the incoming container lists."));
        }

        var data = failures.ToDictionary(
            f => LogText.Escape(f.Key),
            f => (object)string.Create(
                CultureInfo.InvariantCulture,
                $"{f.Value.Count} failure(s) since {f.Value.Since:O}, next attempt {f.Value.NextAttempt:O}: {f.Value.Error}"));
        return Task.FromResult(HealthCheckResult.Degraded(
            $"{failures.Count} folder(s) of the incoming container cannot be listed; other folders are served.", data: data));
    }
}
