using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.LocalHost.Queues;
using Serverless.App.Rejections;
using Serverless.Testing;
using Shouldly;


namespace Serverless.LocalHost.Tests.Queues;

public sealed class QueueListenerTests(AzuriteFixture azurite)
{
    private static readonly AppOptions Options = new() { MaxDequeueCount = 5, RetryDelay = TimeSpan.Zero, VisibilityTimeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task ReceiveBatch_HandlerSucceeds_DeletesMessage()
    {
        var (service, queue) = await CreateQueueAsync();
        await queue.SendMessageAsync("hello", TestContext.Current.CancellationToken);
        var seen = new List<QueueMessageContext>();
        var listener = new QueueListener(service, queue.Name, (m, _) => { seen.Add(m); return Task.CompletedTask; }, Options, TimeProvider.System, NullLogger.Instance);

        (await listener.ReceiveBatchAsync(TestContext.Current.CancellationToken)).ShouldBe(1);

        seen.Single().Text.ShouldBe("hello");
        seen.Single().DequeueCount.ShouldBe(1);
        (await queue.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount.ShouldBe(0);
    }

    [Fact]
    public async Task ReceiveBatch_HandlerAlwaysFails_MovesToPoisonAfterFiveAttemptsWithReason()
    {
        var (service, queue) = await CreateQueueAsync();
        await queue.SendMessageAsync("bad", TestContext.Current.CancellationToken);
        var attempts = new List<long>();
        var listener = new QueueListener(
            service,
            queue.Name,
            (m, _) =>
            {
                attempts.Add(m.DequeueCount);
                throw new InvalidOperationException("step exploded");
            },
            Options,
            TimeProvider.System,
            NullLogger.Instance);

        for (var i = 0; i < 10 && attempts.Count < 5; i++)
        {
            await listener.ReceiveBatchAsync(TestContext.Current.CancellationToken);
        }

        attempts.ShouldBe([1, 2, 3, 4, 5]);
        (await listener.ReceiveBatchAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
        var poison = service.GetQueueClient(queue.Name + "-poison");
        var dead = (await poison.ReceiveMessagesAsync(32, cancellationToken: TestContext.Current.CancellationToken)).Value.ShouldHaveSingleItem();
        var record = JsonSerializer.Deserialize(dead.Body.ToString(), QueueJsonContext.Default.PoisonMessage)!;
        record.Message.ShouldBe("bad");
        record.Queue.ShouldBe(queue.Name);
        record.DequeueCount.ShouldBe(5);
        record.Reason.ShouldBe("InvalidOperationException: step exploded");
    }

    [Fact]
    public async Task ReceiveBatch_PermanentRejection_MovesToPoisonOnTheFirstAttemptWithItsCode()
    {
        var (service, queue) = await CreateQueueAsync();
        await queue.SendMessageAsync("never valid", TestContext.Current.CancellationToken);
        var attempts = 0;
        var listener = new QueueListener(
            service,
            queue.Name,
            (_, _) =>
            {
                attempts++;
                throw new PermanentRejectionException(RejectionCodes.SchemaViolation, "data.blobName is required");
            },
            Options,
            TimeProvider.System,
            NullLogger.Instance);

        await listener.ReceiveBatchAsync(TestContext.Current.CancellationToken);

        attempts.ShouldBe(1);
        (await listener.ReceiveBatchAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
        var poison = service.GetQueueClient(queue.Name + "-poison");
        var dead = (await poison.ReceiveMessagesAsync(32, cancellationToken: TestContext.Current.CancellationToken)).Value.ShouldHaveSingleItem();
        var record = JsonSerializer.Deserialize(dead.Body.ToString(), QueueJsonContext.Default.PoisonMessage)!;
        record.DequeueCount.ShouldBe(1);
        record.Code.ShouldBe(RejectionCodes.SchemaViolation);
        record.Reason.ShouldBe("schema-violation: data.blobName is required");
    }

    [Fact]
    public async Task ReceiveBatch_FailsOnceThenSucceeds_IsNotPoisoned()
    {
        var (service, queue) = await CreateQueueAsync();
        await queue.SendMessageAsync("flaky", TestContext.Current.CancellationToken);
        var calls = 0;
        var listener = new QueueListener(
            service,
            queue.Name,
            (_, _) => ++calls == 1 ? throw new TimeoutException("transient") : Task.CompletedTask,
            Options,
            TimeProvider.System,
            NullLogger.Instance);

        await listener.ReceiveBatchAsync(TestContext.Current.CancellationToken);
        await listener.ReceiveBatchAsync(TestContext.Current.CancellationToken);

        calls.ShouldBe(2);
        (await queue.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount.ShouldBe(0);
        (await service.GetQueueClient(queue.Name + "-poison").ExistsAsync(TestContext.Current.CancellationToken)).Value.ShouldBeFalse();
    }

    private async Task<(QueueServiceClient Service, QueueClient Queue)> CreateQueueAsync()
    {
        var service = azurite.Queues();
        var queue = service.GetQueueClient(TestNames.Unique("listener"));
        await queue.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (service, queue);
    }
}
