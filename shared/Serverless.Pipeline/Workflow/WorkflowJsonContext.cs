using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Pipeline.Workflow;

/// <summary>Source-generated JSON of the workflow's messages to the outside (completion, review decision) and its input as the dashboard reads it back.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WorkflowCompletion))]
[JsonSerializable(typeof(ReviewDecision))]
[JsonSerializable(typeof(PipelineStatus))]
[JsonSerializable(typeof(DocumentPipelineInput))]
public sealed partial class WorkflowJsonContext : JsonSerializerContext;
