using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Serverless.Inference.Classification;
using Serverless.Inference.Embedding;
using Serverless.Inference.Ocr;
using Serverless.Inference.Serving;
using Serverless.Inference.Summarization;

namespace Serverless.Inference.Hosting;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OcrResponse))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(EmbeddingResponse))]
[JsonSerializable(typeof(SummarizeRequest))]
[JsonSerializable(typeof(SummarizeResponse))]
[JsonSerializable(typeof(ClassifyRequest))]
[JsonSerializable(typeof(ClassifyResponse))]
[JsonSerializable(typeof(RequestKeyCount))]
[JsonSerializable(typeof(RequestKeyList))]
[JsonSerializable(typeof(ReadinessReport))]
[JsonSerializable(typeof(ProblemDetails))]
internal sealed partial class InferenceJsonContext : JsonSerializerContext;
