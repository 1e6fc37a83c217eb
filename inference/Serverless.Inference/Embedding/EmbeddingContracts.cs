using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Inference.Embedding;

/// <summary>
/// OpenAI's embeddings request: <c>input</c> is a string or an array of strings; <c>input_type</c>
/// (NVIDIA NIM's field) is <c>query</c> for search queries or <c>passage</c> (the default) for documents.
/// </summary>
internal sealed record EmbeddingRequest(
    [property: JsonPropertyName("input")] JsonElement Input,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("dimensions")] int? Dimensions,
    [property: JsonPropertyName("encoding_format")] string? EncodingFormat,
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("input_type")] string? InputType = null);

internal sealed record EmbeddingResponse(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("data")] IReadOnlyList<EmbeddingItem> Data,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("usage")] EmbeddingUsage Usage);

/// <summary>One embedding; <c>embedding</c> is a float array, or a base64 string of little-endian float32s.</summary>
internal sealed record EmbeddingItem(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("embedding")] EmbeddingVector Embedding);

internal sealed record EmbeddingUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("total_tokens")] int TotalTokens);
