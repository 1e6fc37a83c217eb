using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.Extensions.Time.Testing;
using Serverless.Pipeline.Notifications;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Pipeline.Tests.Notifications;

/// <summary>The local default channel: the structured CloudEvent on the reply queue the request named (Azurite).</summary>
public sealed class StorageQueueCompletionPublisherTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task NotifyAsync_ErpWorkflow_PutsOneCloudEventOnTheReplyQueue()
    {
        var ct = TestContext.Current.CancellationToken;
        var queueName = TestNames.Unique("erp-out");
        var notifier = new ErpCompletionNotifier(new StorageQueueCompletionPublisher(azurite.Queues()), new FakeTimeProvider());

        await notifier.NotifyAsync(ServiceBusCompletionPublisherTests.ErpDocument() with { ReplyQueue = queueName }, ServiceBusCompletionPublisherTests.Completion("wf-q"), "wf-q:notify", ct);

        var messages = (await azurite.Queues().GetQueueClient(queueName).ReceiveMessagesAsync(maxMessages: 32, cancellationToken: ct)).Value;
        var message = messages.ShouldHaveSingleItem();
        var decoded = new JsonEventFormatter().DecodeStructuredModeMessage(message.Body.ToStream(), null, null);
        decoded.Id.ShouldBe("wf-q:notify");
        decoded.Subject.ShouldBe("wf-q");
        decoded.Type.ShouldBe(CompletionEvents.CompletedType);
    }
}
