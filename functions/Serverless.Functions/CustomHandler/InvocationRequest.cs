using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Serverless.Functions.CustomHandler;

/// <summary>
/// What the Functions host POSTs to <c>/{FunctionName}</c>: <c>Data</c> holds the trigger and input
/// bindings by binding name, <c>Metadata</c> the trigger metadata (e.g. <c>DequeueCount</c>, <c>BlobTrigger</c>).
/// </summary>
internal sealed record InvocationRequest(
    [property: JsonPropertyName("Data")] JsonObject? Data,
    [property: JsonPropertyName("Metadata")] JsonObject? Metadata)
{
    /// <summary>A binding's value as text: strings as they are, anything else as its JSON.</summary>
    public string? DataText(string binding) => Text(Data, binding);

    public string? MetadataText(string name) => Text(Metadata, name);

    public long? MetadataNumber(string name) =>
        Metadata?[name] is JsonValue v && (v.TryGetValue<long>(out var n) || (v.TryGetValue<string>(out var s) && long.TryParse(s, out n))) ? n : null;

    private static string? Text(JsonObject? obj, string name) => obj?[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var node => node.ToJsonString(),
    };
}

/// <summary>What a function answers: output bindings by name, log lines for the host, and the return value.</summary>
internal sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] JsonObject Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] JsonNode? ReturnValue);

[JsonSourceGenerationOptions(JsonSerializerDefaults.General)]
[JsonSerializable(typeof(InvocationRequest))]
[JsonSerializable(typeof(InvocationResponse))]
internal sealed partial class CustomHandlerJsonContext : JsonSerializerContext;
