using Azure;
using Azure.Data.Tables;
using Serverless.Pipeline.Workflow;

namespace Serverless.Pipeline.Notifications;

/// <summary>
/// The durable record of which completions went out (a table: partition = the completion id
/// <c>{instance}:notify</c>). A sender claims the id with a conditional insert before it sends and marks it
/// sent afterwards, so that duplicates (a repeated notify step, two hosts, a retry after a crash) decide on
/// the record instead of sending again:
/// <list type="bullet">
/// <item>no row: claim it and send;</item>
/// <item>marked sent: do nothing;</item>
/// <item>claimed less than <see cref="ClaimTimeout"/> ago by another attempt: that attempt is sending;
/// retry later (<see cref="TransientStepException"/>);</item>
/// <item>claimed longer ago and never marked sent: its sender died between claim and mark; take the claim over
/// (ETag-conditional, so one attempt wins) and send again with the same id (receivers dedupe on it).</item>
/// </list>
/// A send that fails gives its claim back, so that the step's next attempt sends at once.
/// </summary>
public sealed class CompletionLedger(TableClient table, TimeProvider time)
{
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(1);

    private const string RowKey = "completion";
    private const string Sending = "sending";
    private const string Sent = "sent";

    /// <summary>True: the caller holds the claim and sends. False: the completion was sent already.</summary>
    /// <exception cref="TransientStepException">Another attempt claimed it a moment ago: the notify step retries.</exception>
    public async Task<bool> TryClaimAsync(string completionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(completionId);
        var claim = new TableEntity(completionId, RowKey) { ["State"] = Sending, ["ClaimedAt"] = time.GetUtcNow() };
        try
        {
            await AddAsync(claim, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Recorded before: decide on the record.
        }

        var held = (await table.GetEntityAsync<TableEntity>(completionId, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        if (held.GetString("State") == Sent)
        {
            return false;
        }

        if (held.GetDateTimeOffset("ClaimedAt") is { } claimedAt && time.GetUtcNow() - claimedAt < ClaimTimeout)
        {
            throw new TransientStepException($"notify: completion {completionId} is being sent by another attempt (claimed at {claimedAt:O}).");
        }

        try
        {
            await table.UpdateEntityAsync(claim, held.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            throw new TransientStepException($"notify: completion {completionId} was claimed by another attempt.", e);
        }
    }

    /// <summary>Records that the completion went out; later attempts send nothing.</summary>
    public async Task MarkSentAsync(string completionId, CancellationToken cancellationToken)
    {
        var sent = new TableEntity(completionId, RowKey) { ["State"] = Sent, ["SentAt"] = time.GetUtcNow() };
        await table.UpsertEntityAsync(sent, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives a claim back after a failed send, so that the next attempt need not wait for <see cref="ClaimTimeout"/>.</summary>
    public async Task ReleaseAsync(string completionId, CancellationToken cancellationToken)
    {
        try
        {
            var held = (await table.GetEntityAsync<TableEntity>(completionId, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (held.GetString("State") == Sending)
            {
                await table.DeleteEntityAsync(completionId, RowKey, held.ETag, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException)
        {
            // Best effort: a claim that stays is taken over after ClaimTimeout.
        }
    }

    /// <summary>Whether the record says the completion went out (tests and diagnostics).</summary>
    public async Task<bool> IsSentAsync(string completionId, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(completionId, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value!.GetString("State") == Sent;
    }

    private async Task AddAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "TableNotFound")
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
    }
}
