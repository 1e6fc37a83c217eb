using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;

namespace Serverless.Pipeline.Cost;

/// <summary>
/// Per-tenant usage on Azure Tables: one row per ended run of a workflow (partition = tenant, row = workflow id,
/// and for a failed run also its end time), written by an upsert, so a retried or replayed record counts once, and
/// a workflow restarted after a failure adds its new run to what the failed run billed instead of replacing it. Rows keep their totals per step
/// kind and per model (small whatever the number of embedding batches); a query sums a tenant's rows
/// over a time range.
/// </summary>
public sealed class UsageStore(PipelineStorage storage)
{
    private const string EndedAtColumn = "EndedAt";

    public async Task RecordAsync(WorkflowUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var table = await storage.UsageTableAsync(cancellationToken).ConfigureAwait(false);
        var total = UsageTotals.Zero;
        var byStep = new SortedDictionary<string, UsageTotals>(StringComparer.Ordinal);
        var byModel = new SortedDictionary<string, UsageTotals>(StringComparer.Ordinal);
        foreach (var step in usage.Steps)
        {
            total = total.Add(step.InputTokens, step.OutputTokens, step.Cost);
            Accumulate(byStep, WorkflowUsage.StepKind(step.Step), step.InputTokens, step.OutputTokens, step.Cost);
            if (step.Model is { } model && (step.InputTokens > 0 || step.OutputTokens > 0 || step.Cost > 0))
            {
                Accumulate(byModel, $"{step.Provider}/{model}", step.InputTokens, step.OutputTokens, step.Cost);
            }
        }

        var entity = new TableEntity(TenantId.Validate(usage.Tenant), RowKey(usage))
        {
            ["WorkflowId"] = usage.WorkflowId,
            ["Status"] = usage.Status,
            [EndedAtColumn] = usage.EndedAt,
            ["InputTokens"] = total.InputTokens,
            ["OutputTokens"] = total.OutputTokens,
            ["Cost"] = total.Cost.ToString(CultureInfo.InvariantCulture),
            ["ByStep"] = JsonSerializer.Serialize(byStep, PipelineJsonContext.Default.SortedDictionaryStringUsageTotals),
            ["ByModel"] = JsonSerializer.Serialize(byModel, PipelineJsonContext.Default.SortedDictionaryStringUsageTotals),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        PipelineMetrics.WorkflowEnded(usage);
    }

    /// <summary>The tenant's workflow runs that ended in [<paramref name="from"/>, <paramref name="to"/>), summed.</summary>
    public async Task<TenantUsage> QueryAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        TenantId.Validate(tenant);
        if (to <= from)
        {
            throw new ArgumentException("The end of the range must be after its start.", nameof(to));
        }

        var table = await storage.UsageTableAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenant} and EndedAt ge {from} and EndedAt lt {to}");
        var (workflows, completed, failed, total) = (0, 0, 0, UsageTotals.Zero);
        var byStep = new SortedDictionary<string, UsageTotals>(StringComparer.Ordinal);
        var byModel = new SortedDictionary<string, UsageTotals>(StringComparer.Ordinal);
        var byDay = new SortedDictionary<string, SortedDictionary<string, UsageTotals>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            workflows++;
            completed += row.GetString("Status") == WorkflowUsage.Completed ? 1 : 0;
            failed += row.GetString("Status") == WorkflowUsage.Failed ? 1 : 0;
            total = total.Add(row.GetInt64("InputTokens") ?? 0, row.GetInt64("OutputTokens") ?? 0, decimal.Parse(row.GetString("Cost") ?? "0", CultureInfo.InvariantCulture));
            Merge(byStep, row.GetString("ByStep"));
            Merge(byModel, row.GetString("ByModel"));
            var day = (row.GetDateTimeOffset(EndedAtColumn) ?? from).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (!byDay.TryGetValue(day, out var models))
            {
                byDay[day] = models = new SortedDictionary<string, UsageTotals>(StringComparer.Ordinal);
            }

            Merge(models, row.GetString("ByModel"));
        }

        return new TenantUsage(tenant, from, to, workflows, completed, failed, total, byStep, byModel)
        {
            ByDay = byDay.ToDictionary(d => d.Key, d => (IReadOnlyDictionary<string, UsageTotals>)d.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// The workflow id (escaped: ids may hold '/', '\', '#', '?'), and for a failed run its end time: the end time of a
    /// run is fixed by its history, so a replay writes the same row, while a later run of the same id writes its own.
    /// </summary>
    private static string RowKey(WorkflowUsage usage) =>
        usage.Status == WorkflowUsage.Failed
            ? $"{Uri.EscapeDataString(usage.WorkflowId)}|failed|{usage.EndedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}"
            : Uri.EscapeDataString(usage.WorkflowId);

    private static void Merge(SortedDictionary<string, UsageTotals> into, string? json)
    {
        if (json is null)
        {
            return;
        }

        foreach (var (key, totals) in JsonSerializer.Deserialize(json, PipelineJsonContext.Default.SortedDictionaryStringUsageTotals) ?? [])
        {
            Accumulate(into, key, totals.InputTokens, totals.OutputTokens, totals.Cost);
        }
    }

    private static void Accumulate(SortedDictionary<string, UsageTotals> into, string key, long inputTokens, long outputTokens, decimal cost) =>
        into[key] = into.GetValueOrDefault(key, UsageTotals.Zero).Add(inputTokens, outputTokens, cost);
}
