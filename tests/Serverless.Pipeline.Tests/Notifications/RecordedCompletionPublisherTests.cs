using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Time.Testing;
using Serverless.Pipeline.Notifications;
using Serverless.Pipeline.Workflow;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Pipeline.Tests.Notifications;

/// <summary>One completion per workflow whatever the delivery pattern: the ledger on Azurite decides before the channel sends.</summary>
public sealed class RecordedCompletionPublisherTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SameCompletionTwice_SendsOnce()
    {
        var (publisher, sender, _) = Create(TestNames.Unique("ledger"), new FakeTimeProvider());

        await publisher.PublishAsync(Message("acme~key-1"), Ct);
        await publisher.PublishAsync(Message("acme~key-1"), Ct);

        sender.Sent.ShouldHaveSingleItem().MessageId.ShouldBe("acme~key-1:notify");
    }

    [Fact]
    public async Task TwoHostsAtOnce_OneSends_TheOtherRetriesAndFindsItSent()
    {
        var table = TestNames.Unique("ledger");
        var time = new FakeTimeProvider();
        var (one, sentByOne, _) = Create(table, time);
        var (two, sentByTwo, _) = Create(table, time);

        var attempts = await Task.WhenAll(TryAsync(one), TryAsync(two), TryAsync(one), TryAsync(two));
        foreach (var publisher in new[] { one, two })
        {
            await publisher.PublishAsync(Message("acme~key-2"), Ct);
        }

        (sentByOne.Sent.Count + sentByTwo.Sent.Count).ShouldBe(1);
        attempts.Count(a => a is TransientStepException).ShouldBeLessThanOrEqualTo(3);
        attempts.ShouldAllBe(a => a == null || a is TransientStepException);

        async Task<Exception?> TryAsync(ICompletionPublisher publisher)
        {
            try
            {
                await publisher.PublishAsync(Message("acme~key-2"), Ct);
                return null;
            }
            catch (TransientStepException e)
            {
                return e;
            }
        }
    }

    [Fact]
    public async Task CrashBetweenClaimAndRecord_RetryWaitsForTheClaimTimeout_ThenResendsOnceWithTheSameId()
    {
        var table = TestNames.Unique("ledger");
        var time = new FakeTimeProvider();
        var (publisher, sender, ledger) = Create(table, time);
        (await ledger.TryClaimAsync("acme~key-3:notify", Ct)).ShouldBeTrue();

        time.Advance(CompletionLedger.ClaimTimeout / 2);
        await Should.ThrowAsync<TransientStepException>(() => publisher.PublishAsync(Message("acme~key-3"), Ct));
        sender.Sent.ShouldBeEmpty();

        time.Advance(CompletionLedger.ClaimTimeout);
        await publisher.PublishAsync(Message("acme~key-3"), Ct);
        await publisher.PublishAsync(Message("acme~key-3"), Ct);

        sender.Sent.ShouldHaveSingleItem().MessageId.ShouldBe("acme~key-3:notify");
        (await ledger.IsSentAsync("acme~key-3:notify", Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task SendFails_ClaimIsGivenBack_NextAttemptSendsAtOnce()
    {
        var table = TestNames.Unique("ledger");
        var time = new FakeTimeProvider();
        var ledger = new CompletionLedger(azurite.Tables().GetTableClient(table), time);
        var failing = new RecordedCompletionPublisher(
            new ServiceBusCompletionPublisher(new RecordingSender(new ServiceBusException(isTransient: true, "busy", reason: ServiceBusFailureReason.ServiceBusy))), ledger);
        var (working, sender, _) = Create(table, time);

        await Should.ThrowAsync<TransientStepException>(() => failing.PublishAsync(Message("acme~key-4"), Ct));
        await working.PublishAsync(Message("acme~key-4"), Ct);

        sender.Sent.ShouldHaveSingleItem();
    }

    private (RecordedCompletionPublisher Publisher, RecordingSender Sender, CompletionLedger Ledger) Create(string table, TimeProvider time)
    {
        var sender = new RecordingSender();
        var ledger = new CompletionLedger(azurite.Tables().GetTableClient(table), time);
        return (new RecordedCompletionPublisher(new ServiceBusCompletionPublisher(sender), ledger), sender, ledger);
    }

    private static CompletionMessage Message(string instance) =>
        new(CompletionEvents.Create(ServiceBusCompletionPublisherTests.Completion(instance), $"{instance}:notify", new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)), "erp-outbound", null);
}
