using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.LocalHost.Queues;

/// <summary>
/// What <c>{queue}-poison</c> holds: the original message text plus where it came from, how often
/// it was tried and why the last attempt failed (the Functions host keeps only the text).
/// </summary>
internal sealed record PoisonMessage(string Queue, string MessageId, long DequeueCount, string Reason, DateTimeOffset FailedAt, string Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PoisonMessage))]
internal sealed partial class QueueJsonContext : JsonSerializerContext;
