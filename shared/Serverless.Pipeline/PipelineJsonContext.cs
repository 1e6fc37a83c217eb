using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Pipeline.Caching;
using Serverless.Pipeline.Chunking;
using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Embedding;
using Serverless.Pipeline.Extraction;
using Serverless.Pipeline.Indexing;
using Serverless.Pipeline.Results;
using Serverless.Pipeline.Summarization;

namespace Serverless.Pipeline;

/// <summary>Source-generated JSON for every result type of the pipeline (step cache entries, activity inputs and outputs, results).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ExtractionResult))]
[JsonSerializable(typeof(IReadOnlyList<TextChunk>))]
[JsonSerializable(typeof(SummaryResult))]
[JsonSerializable(typeof(ClassificationResult))]
[JsonSerializable(typeof(EmbeddingBatch))]
[JsonSerializable(typeof(IReadOnlyList<SearchHit>))]
[JsonSerializable(typeof(CostLedger))]
[JsonSerializable(typeof(SortedDictionary<string, UsageTotals>))]
[JsonSerializable(typeof(DocumentRegistration))]
[JsonSerializable(typeof(DocumentResult))]
public sealed partial class PipelineJsonContext : JsonSerializerContext;
