using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.App.Rejections;

/// <summary>
/// What <c>{queue}-poison</c> holds: the original message text plus where it came from, how often
/// it was tried and why the last attempt failed (the Functions host keeps only the text). <see cref="Code"/> is
/// the rejection's reason code when the input was refused as permanent (poisoned on its first delivery).
/// </summary>
internal sealed record PoisonMessage(string Queue, string MessageId, long DequeueCount, string Reason, DateTimeOffset FailedAt, string Message)
{
    public string? Code { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PoisonMessage))]
internal sealed partial class QueueJsonContext : JsonSerializerContext;
