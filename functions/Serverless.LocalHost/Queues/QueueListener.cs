using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

using Serverless.App;
using Serverless.App.Rejections;

namespace Serverless.LocalHost.Queues;

/// <summary>
/// A queue trigger with the Functions semantics: receive in batches with a visibility timeout,
/// back off up to a maximum polling interval when the queue is empty, delete a message after its
/// handler succeeds, make it visible again after a failure, and after the last allowed attempt
/// move it to <c>{queue}-poison</c> in a <see cref="PoisonMessage"/> that records why it failed.
/// A permanent rejection (<see cref="DeliveryFailures.IsPermanent"/>) goes to the poison queue on its first
/// delivery: retrying an input that can never succeed only delays the sender's news.
/// </summary>
internal sealed partial class QueueListener(
    QueueServiceClient service,
    string queueName,
    Func<QueueMessageContext, CancellationToken, Task> handler,
    AppOptions options,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly QueueClient _queue = service.GetQueueClient(queueName);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await _queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        var delay = MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await ReceiveBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(ex, _queue.Name);
                handled = 0;
            }

            if (handled > 0)
            {
                delay = MinPollingInterval;
                continue;
            }

            await Task.Delay(delay, time, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollingInterval.Ticks));
        }
    }

    /// <summary>Receives one batch and handles every message in it concurrently; returns the batch size.</summary>
    public async Task<int> ReceiveBatchAsync(CancellationToken cancellationToken)
    {
        QueueMessage[] messages = await _queue.ReceiveMessagesAsync(options.BatchSize, options.VisibilityTimeout, cancellationToken);
        await Task.WhenAll(messages.Select(m => HandleAsync(m, cancellationToken)));
        return messages.Length;
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var context = new QueueMessageContext(_queue.Name, message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn);
        try
        {
            await handler(context, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= options.MaxDequeueCount || DeliveryFailures.IsPermanent(ex, out _))
            {
                await MoveToPoisonAsync(message, context, ex, cancellationToken);
                return;
            }

            LogAttemptFailed(ex, _queue.Name, message.MessageId, message.DequeueCount, options.MaxDequeueCount);
            await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.RetryDelay, cancellationToken: cancellationToken);
            return;
        }

        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
    }

    private async Task MoveToPoisonAsync(QueueMessage message, QueueMessageContext context, Exception error, CancellationToken cancellationToken)
    {
        var poison = await PoisonQueue.SendAsync(service, _queue.Name, message.MessageId, message.DequeueCount, context.Text, error, time, cancellationToken);
        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        LogPoisoned(_queue.Name, message.MessageId, message.DequeueCount, poison.Reason);
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Polling queue {Queue} failed")]
    private partial void LogPollFailed(Exception exception, string queue);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} failed attempt {DequeueCount} of {MaxDequeueCount}")]
    private partial void LogAttemptFailed(Exception exception, string queue, string messageId, long dequeueCount, int maxDequeueCount);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "Message {MessageId} on {Queue} moved to the poison queue after {DequeueCount} attempt(s): {Reason}")]
    private partial void LogPoisoned(string queue, string messageId, long dequeueCount, string reason);
}
