using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Inference.Embedding;

/// <summary>An embedding as OpenAI sends it: a JSON float array, or base64 of little-endian float32s.</summary>
[JsonConverter(typeof(EmbeddingVectorConverter))]
internal sealed record EmbeddingVector(float[] Values, bool Base64);

internal sealed class EmbeddingVectorConverter : JsonConverter<EmbeddingVector>
{
    public override EmbeddingVector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new EmbeddingVector(MemoryMarshal.Cast<byte, float>(reader.GetBytesFromBase64()).ToArray(), Base64: true);
        }

        var values = new List<float>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.GetSingle());
        }

        return new EmbeddingVector([.. values], Base64: false);
    }

    public override void Write(Utf8JsonWriter writer, EmbeddingVector value, JsonSerializerOptions options)
    {
        if (value.Base64)
        {
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("Base64 embeddings are written on little-endian machines only.");
            }

            writer.WriteBase64StringValue(MemoryMarshal.AsBytes(value.Values.AsSpan()));
            return;
        }

        writer.WriteStartArray();
        foreach (var v in value.Values)
        {
            writer.WriteNumberValue(v);
        }

        writer.WriteEndArray();
    }
}
