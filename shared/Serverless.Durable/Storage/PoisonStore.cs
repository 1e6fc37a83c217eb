using System.Text.Json;
using Azure.Data.Tables;

namespace Serverless.Durable.Storage;

/// <summary>Dead letters: one row per poisoned message with its reason, dequeue count, instance id and payload.</summary>
internal sealed class PoisonStore(TaskHub hub)
{
    public async Task AddAsync(string queueName, WorkMessage message, long dequeueCount, string reason, CancellationToken ct)
    {
        var entity = new TableEntity(message.InstanceId, $"{queueName}.{message.Kind}.{message.ExecutionId}.{message.TaskId}.{hub.UtcNow.Ticks}")
        {
            ["Queue"] = queueName,
            ["Reason"] = reason.Length > 30_000 ? reason[..30_000] : reason,
            ["DequeueCount"] = dequeueCount,
            ["InstanceId"] = message.InstanceId,
            ["Message"] = JsonSerializer.Serialize(message, DurableJsonContext.Default.WorkMessage),
            ["PoisonedAt"] = hub.UtcNow,
        };
        hub.Count();
        await hub.Poison.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    }

    public async Task<IReadOnlyList<TableEntity>> ListAsync(string instanceId, CancellationToken ct)
    {
        var list = new List<TableEntity>();
        await foreach (var row in hub.Poison.QueryAsync<TableEntity>($"PartitionKey eq '{HistoryStore.Escape(instanceId)}'", cancellationToken: ct))
        {
            list.Add(row);
        }

        return list;
    }
}
