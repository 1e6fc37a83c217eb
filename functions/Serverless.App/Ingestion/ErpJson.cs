using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Pipeline.Workflow;

namespace Serverless.App.Ingestion;

/// <summary>Source-generated JSON of the ERP entry's payloads.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ErpDocumentEvent))]
[JsonSerializable(typeof(WorkflowCompletion))]
internal sealed partial class ErpJson : JsonSerializerContext;
