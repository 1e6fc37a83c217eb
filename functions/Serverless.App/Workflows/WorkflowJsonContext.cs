using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.App.Workflows;

/// <summary>Workflow inputs and outputs as the engine stores them (System.Text.Json, web defaults).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DocumentRef))]
[JsonSerializable(typeof(DocumentStats))]
[JsonSerializable(typeof(WorkflowStep))]
internal sealed partial class WorkflowJsonContext : JsonSerializerContext;
