using Azure.Messaging.ServiceBus;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.Extensions.Time.Testing;
using Serverless.Pipeline.Notifications;
using Serverless.Pipeline.Workflow;
using Shouldly;

namespace Serverless.Pipeline.Tests.Notifications;

/// <summary>ERP completions on Service Bus: one message per completion, the event id as message id, the attributes as properties.</summary>
public sealed class ServiceBusCompletionPublisherTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task NotifyAsync_ErpWorkflow_SendsOneStructuredCloudEventWithIdSubjectAndProperties()
    {
        var sender = new RecordingSender();
        var notifier = Notifier(sender);

        await notifier.NotifyAsync(ErpDocument(), Completion("tenant-a~key-1"), "tenant-a~key-1:notify", TestContext.Current.CancellationToken);

        var message = sender.Sent.ShouldHaveSingleItem();
        message.MessageId.ShouldBe("tenant-a~key-1:notify");
        message.Subject.ShouldBe("tenant-a~key-1");
        message.CorrelationId.ShouldBe("erp-event-7");
        message.ContentType.ShouldBe("application/cloudevents+json; charset=utf-8");
        message.ApplicationProperties["cloudEvents:specversion"].ShouldBe("1.0");
        message.ApplicationProperties["cloudEvents:id"].ShouldBe("tenant-a~key-1:notify");
        message.ApplicationProperties["cloudEvents:type"].ShouldBe(CompletionEvents.CompletedType);
        message.ApplicationProperties["cloudEvents:source"].ShouldBe("/serverless/document-pipeline");
        message.ApplicationProperties["cloudEvents:subject"].ShouldBe("tenant-a~key-1");
        message.ApplicationProperties["cloudEvents:time"].ShouldBe(Now);
        message.ApplicationProperties.Keys.ShouldAllBe(k => k.StartsWith("cloudEvents:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotifyAsync_ReceivedAsAReceiverSeesIt_BodyDecodesToTheSameCloudEvent()
    {
        var sender = new RecordingSender();
        await Notifier(sender).NotifyAsync(ErpDocument(), Completion("wf-9"), "wf-9:notify", TestContext.Current.CancellationToken);
        var sent = sender.Sent.Single();

        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: sent.Body,
            messageId: sent.MessageId,
            correlationId: sent.CorrelationId,
            subject: sent.Subject,
            contentType: sent.ContentType,
            properties: sent.ApplicationProperties);
        var decoded = new JsonEventFormatter().DecodeStructuredModeMessage(received.Body.ToStream(), new System.Net.Mime.ContentType(received.ContentType), extensionAttributes: null);

        decoded.SpecVersion.ShouldBe(CloudEventsSpecVersion.V1_0);
        decoded.Id.ShouldBe(received.MessageId);
        decoded.Subject.ShouldBe(received.Subject);
        decoded.Type.ShouldBe(received.ApplicationProperties["cloudEvents:type"]);
        decoded.Time.ShouldBe(Now);
        var data = (System.Text.Json.JsonElement)decoded.Data!;
        data.GetProperty("instanceId").GetString().ShouldBe("wf-9");
        data.GetProperty("status").GetString().ShouldBe(WorkflowCompletion.Completed);
        data.GetProperty("resultBlob").GetString().ShouldBe("results/tenant-a/wf-9.json");
        data.GetProperty("correlationId").GetString().ShouldBe("erp-event-7");
    }

    [Fact]
    public async Task NotifyAsync_FailedWorkflow_TypeIsFailed()
    {
        var sender = new RecordingSender();

        await Notifier(sender).NotifyAsync(ErpDocument(), Completion("wf-2") with { Status = WorkflowCompletion.Failed, Error = "ExtractText failed" }, "wf-2:notify", TestContext.Current.CancellationToken);

        sender.Sent.Single().ApplicationProperties["cloudEvents:type"].ShouldBe(CompletionEvents.FailedType);
    }

    [Fact]
    public async Task NotifyAsync_RetriedNotify_SendsTheSameMessageIdSoDuplicateDetectionDropsIt()
    {
        var sender = new RecordingSender();
        var notifier = Notifier(sender);

        await notifier.NotifyAsync(ErpDocument(), Completion("wf-3"), "wf-3:notify", TestContext.Current.CancellationToken);
        await notifier.NotifyAsync(ErpDocument(), Completion("wf-3"), "wf-3:notify", TestContext.Current.CancellationToken);

        sender.Sent.Count.ShouldBe(2);
        sender.Sent.Select(m => m.MessageId).Distinct().ShouldHaveSingleItem().ShouldBe("wf-3:notify");
    }

    [Fact]
    public async Task NotifyAsync_NoReplyQueue_SendsNothing()
    {
        var sender = new RecordingSender();

        await Notifier(sender).NotifyAsync(ErpDocument() with { ReplyQueue = null }, Completion("wf-4"), "wf-4:notify", TestContext.Current.CancellationToken);

        sender.Sent.ShouldBeEmpty();
    }

    [Fact]
    public async Task PublishAsync_TransientServiceBusError_IsRetriedByTheActivity()
    {
        var publisher = new ServiceBusCompletionPublisher(new RecordingSender(new ServiceBusException(isTransient: true, "busy", reason: ServiceBusFailureReason.ServiceBusy)));

        var error = await Should.ThrowAsync<TransientStepException>(() => publisher.PublishAsync(Message("wf-5"), TestContext.Current.CancellationToken));

        error.Message.ShouldContain("ServiceBusy");
    }

    [Fact]
    public async Task PublishAsync_MissingTopic_FailsTheNotifyStepWithoutRetry()
    {
        var publisher = new ServiceBusCompletionPublisher(new RecordingSender(new ServiceBusException(isTransient: false, "no topic", reason: ServiceBusFailureReason.MessagingEntityNotFound)));

        var error = await Should.ThrowAsync<StepFailedException>(() => publisher.PublishAsync(Message("wf-6"), TestContext.Current.CancellationToken));

        error.IsTransient.ShouldBeFalse();
        error.Code.ShouldBe("completion-publish-rejected");
    }

    private static ErpCompletionNotifier Notifier(RecordingSender sender) =>
        new(new ServiceBusCompletionPublisher(sender), new FakeTimeProvider(Now));

    private static CompletionMessage Message(string instance) =>
        new(CompletionEvents.Create(Completion(instance), $"{instance}:notify", Now), "erp-outbound", null);

    internal static DocumentPipelineInput ErpDocument() =>
        new("tenant-a", "incoming", "tenant-a/invoice.pdf", "sha-1") { ReplyQueue = "erp-outbound", CorrelationId = "erp-event-7" };

    internal static WorkflowCompletion Completion(string instance) =>
        new(instance, "tenant-a", WorkflowCompletion.Completed, $"results/tenant-a/{instance}.json", "invoice", 0.93, 1200, 0.0042m, null, "erp-event-7");
}
