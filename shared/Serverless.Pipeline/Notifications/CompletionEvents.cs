using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Serverless.Pipeline.Workflow;

namespace Serverless.Pipeline.Notifications;

/// <summary>
/// The completion CloudEvent (1.0), the same on every channel: type <see cref="CompletedType"/> or
/// <see cref="FailedType"/>, source <see cref="Source"/>, subject = the instance id, id = the idempotency key,
/// data = <see cref="WorkflowCompletion"/> as JSON.
/// </summary>
public static class CompletionEvents
{
    public const string CompletedType = "com.serverless.document.completed";
    public const string FailedType = "com.serverless.document.failed";

    /// <summary>The structured-mode media type of the body on every channel.</summary>
    public const string StructuredContentType = "application/cloudevents+json; charset=utf-8";

    public static readonly Uri Source = new("/serverless/document-pipeline", UriKind.Relative);

    private static readonly JsonEventFormatter Formatter = new();

    public static CloudEvent Create(WorkflowCompletion completion, string id, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new CloudEvent
        {
            Id = id,
            Type = completion.Status == WorkflowCompletion.Completed ? CompletedType : FailedType,
            Source = Source,
            Subject = completion.InstanceId,
            Time = time,
            DataContentType = "application/json",
            Data = JsonSerializer.SerializeToElement(completion, WorkflowJsonContext.Default.WorkflowCompletion),
        };
    }

    /// <summary>The structured-mode JSON body (UTF-8).</summary>
    public static ReadOnlyMemory<byte> Encode(CloudEvent cloudEvent) => Formatter.EncodeStructuredModeMessage(cloudEvent, out _);
}
