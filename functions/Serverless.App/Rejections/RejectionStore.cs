using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.App.Storage;

namespace Serverless.App.Rejections;

/// <summary>
/// The rejections table (<c>App:RejectionsTable</c>): partition = tenant, row = inverted time + a hash of
/// what was refused, so that a partition reads newest first. Rejections whose tenant is unknown (an unmapped
/// ERP source, a blob outside any tenant folder) go to the partition <see cref="NoTenant"/>, which no tenant
/// can query. Recording is best effort: a failure is logged and never turns a rejection into a retry.
/// </summary>
internal sealed partial class RejectionStore(StorageClients clients, IOptions<AppOptions> options, TimeProvider time, ILogger<RejectionStore> logger)
{
    /// <summary>Not a valid tenant id, so that no tenant's key can read it.</summary>
    public const string NoTenant = "~none";

    public const int MaxPageSize = 200;

    private const int MaxMessageLength = 2000;

    private TableClient Table => clients.Tables.GetTableClient(options.Value.RejectionsTable);

    public async Task RecordAsync(string? tenant, string entry, string? name, string code, string message, string? reference, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var safeName = LogText.Escape(name);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{entry}\n{name}\n{reference}\n{code}")))[..16];
        var entity = new TableEntity(tenant ?? NoTenant, string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{digest}"))
        {
            ["Time"] = now,
            ["Entry"] = entry,
            ["Name"] = safeName,
            ["Code"] = code,
            ["Message"] = LogText.Escape(message.Length > MaxMessageLength ? message[..MaxMessageLength] : message),
            ["Reference"] = reference is null ? null : LogText.Escape(reference),
        };
        try
        {
            await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await Table.CreateIfNotExistsAsync(cancellationToken);
            await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            LogRecordFailed(ex, entry, safeName, code);
        }
    }

    /// <summary>One page of <paramref name="tenant"/>'s rejections, newest first.</summary>
    public async Task<RejectionPage> ListAsync(string tenant, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenant}");
        try
        {
            await foreach (var page in Table.QueryAsync<TableEntity>(filter, Math.Clamp(pageSize, 1, MaxPageSize), cancellationToken: cancellationToken)
                .AsPages(continuationToken, Math.Clamp(pageSize, 1, MaxPageSize)))
            {
                return new RejectionPage([.. page.Values.Select(ToRejection)], page.ContinuationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No rejection was ever recorded (the table is created on first use).
        }

        return new RejectionPage([], null);
    }

    private static Rejection ToRejection(TableEntity e) =>
        new(e.GetDateTimeOffset("Time") ?? default, e.GetString("Entry") ?? "", e.GetString("Name") ?? "", e.GetString("Code") ?? "", e.GetString("Message") ?? "", e.GetString("Reference"));

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Recording a rejection ({Entry} {Name}: {Code}) failed")]
    private partial void LogRecordFailed(Exception exception, string entry, string name, string code);
}
