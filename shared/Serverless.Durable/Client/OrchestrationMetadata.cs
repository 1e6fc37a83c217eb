using System.Text.Json;

namespace Serverless.Durable;

/// <summary>An instance's status as the client sees it (the Instances table read model).</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    /// <summary>The status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the current execution was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The version recorded at start.</summary>
    public string? Version { get; init; }

    /// <summary>The input as JSON (only when fetched with inputs and outputs).</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The output as JSON (only when fetched with inputs and outputs).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The custom status as JSON (only when fetched with inputs and outputs).</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Why it failed, when it did.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Tags given at start.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>True while Pending, Running or Suspended.</summary>
    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;

    /// <summary>True when Completed, Failed or Terminated.</summary>
    public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    /// <summary>The input deserialised.</summary>
    public T? ReadInputAs<T>() => Read<T>(SerializedInput);

    /// <summary>The output deserialised.</summary>
    public T? ReadOutputAs<T>() => Read<T>(SerializedOutput);

    /// <summary>The custom status deserialised.</summary>
    public T? ReadCustomStatusAs<T>() => Read<T>(SerializedCustomStatus);

    private static T? Read<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, DurableJson.Payload);
}
