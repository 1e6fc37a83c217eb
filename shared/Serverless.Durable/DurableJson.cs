using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Durable;

/// <summary>Serialisation settings: System.Text.Json web defaults for user payloads; a generated context for engine records.</summary>
internal static class DurableJson
{
    public static readonly JsonSerializerOptions Payload = new(JsonSerializerDefaults.Web);

    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Payload);

    public static object? Deserialize(string? json, Type type) =>
        json is null ? (type.IsValueType ? Activator.CreateInstance(type) : null) : JsonSerializer.Deserialize(json, type, Payload);

    public static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Payload);

    public static string Event(HistoryEvent e) => JsonSerializer.Serialize(e, DurableJsonContext.Default.HistoryEvent);

    public static HistoryEvent Event(string json) =>
        JsonSerializer.Deserialize(json, DurableJsonContext.Default.HistoryEvent) ?? throw new JsonException("empty history event");
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HistoryEvent))]
[JsonSerializable(typeof(List<HistoryEvent>))]
[JsonSerializable(typeof(TaskFailureDetails))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Storage.WorkMessage))]
internal sealed partial class DurableJsonContext : JsonSerializerContext;
