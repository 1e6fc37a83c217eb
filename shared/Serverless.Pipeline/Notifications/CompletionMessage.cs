using CloudNative.CloudEvents;

namespace Serverless.Pipeline.Notifications;

/// <summary>
/// One completion to publish: the CloudEvent (id = the completion's idempotency key <c>{instance}:notify</c>),
/// the reply queue the request named and the caller's correlation id (the inbound event id), if any.
/// </summary>
public sealed record CompletionMessage(CloudEvent Event, string ReplyQueue, string? CorrelationId);
