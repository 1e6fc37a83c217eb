using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Pipeline.Inference;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OcrResponse))]
[JsonSerializable(typeof(SummarizeRequest))]
[JsonSerializable(typeof(SummarizeResponse))]
[JsonSerializable(typeof(ClassifyRequest))]
[JsonSerializable(typeof(ClassifyResponse))]
internal sealed partial class InferenceJsonContext : JsonSerializerContext;
