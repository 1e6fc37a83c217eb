namespace Serverless.Pipeline.Notifications;

/// <summary>
/// Publishes each completion id once: decides on the <see cref="CompletionLedger"/> before sending over the
/// channel (<see cref="Channel"/>) and records the send afterwards. Duplicated notify steps, two hosts
/// running the same step, or a retry after a crash between "completed" and "notified" therefore send one
/// message; only a crash between the send and its record resends (with the same id, for the receiver to drop).
/// </summary>
public sealed class RecordedCompletionPublisher(ICompletionPublisher channel, CompletionLedger ledger) : ICompletionPublisher
{
    /// <summary>The channel that carries the message (Storage queue or Service Bus).</summary>
    public ICompletionPublisher Channel => channel;

    public async Task PublishAsync(CompletionMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = message.Event.Id!;
        if (!await ledger.TryClaimAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await channel.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ledger.ReleaseAsync(id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await ledger.MarkSentAsync(id, cancellationToken).ConfigureAwait(false);
    }
}
