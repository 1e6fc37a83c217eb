using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Pipeline.Workflow;

/// <summary>Source-generated JSON of the workflow's messages to the outside (completion, review decision).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WorkflowCompletion))]
[JsonSerializable(typeof(ReviewDecision))]
[JsonSerializable(typeof(PipelineStatus))]
public sealed partial class WorkflowJsonContext : JsonSerializerContext;
