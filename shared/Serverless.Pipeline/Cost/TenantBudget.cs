using System.Globalization;
using Microsoft.Extensions.Options;

namespace Serverless.Pipeline.Cost;

/// <summary>
/// The per-tenant daily token budget (<see cref="PipelineLimits.TenantDailyTokens"/>, with per-tenant
/// overrides), read against the usage the tenant's ended workflows recorded for the current UTC day.
/// </summary>
public sealed class TenantBudget(UsageStore usage, IOptions<PipelineOptions> options, TimeProvider time)
{
    /// <summary>The tenant's budget in tokens per UTC day; 0 = none.</summary>
    public long DailyTokens(string tenant)
    {
        var limits = options.Value.Limits;
        return limits.TenantDailyTokensByTenant.TryGetValue(TenantId.Validate(tenant), out var own) ? own : limits.TenantDailyTokens;
    }

    /// <summary>Throws a fatal <see cref="StepFailedException"/> (<c>tenant-budget-exceeded</c>) when the tenant has used its budget for today.</summary>
    public async Task EnsureAvailableAsync(string tenant, CancellationToken cancellationToken)
    {
        var budget = DailyTokens(tenant);
        if (budget <= 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var today = await usage.QueryAsync(tenant, day, day.AddDays(1), cancellationToken).ConfigureAwait(false);
        var used = today.Total.InputTokens + today.Total.OutputTokens;
        if (used >= budget)
        {
            throw new StepFailedException(
                StepErrorCodes.TenantBudgetExceeded,
                string.Create(CultureInfo.InvariantCulture, $"Tenant '{tenant}' has used {used:N0} of its {budget:N0} tokens for {day:yyyy-MM-dd} (Pipeline:Limits:TenantDailyTokens); the budget resets at 00:00 UTC."),
                isTransient: false);
        }
    }
}
