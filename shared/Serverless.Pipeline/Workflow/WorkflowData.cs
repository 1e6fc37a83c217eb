using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Serverless.Pipeline.Workflow;

/// <summary>
/// How workflow inputs, outputs, custom status and events are serialised by the engine, in both hosts:
/// System.Text.Json with web defaults (camelCase), the field names the status API has always shown.
/// </summary>
public static class WorkflowData
{
    /// <summary>The serializer options of every workflow payload.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The converter to set on the Durable Task worker's and client's options.</summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(SerializerOptions);
}
