namespace Serverless.LocalHost.Queues;

/// <summary>One delivery of a queue message, as a queue trigger sees it.</summary>
internal sealed record QueueMessageContext(string QueueName, string MessageId, string Text, long DequeueCount, DateTimeOffset? InsertedOn = null);
