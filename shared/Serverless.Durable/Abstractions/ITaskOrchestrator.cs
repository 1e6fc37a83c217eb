namespace Serverless.Durable;

/// <summary>The untyped shape every orchestrator has; <see cref="TaskOrchestrator{TInput, TOutput}"/> implements it.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the input is deserialised to.</summary>
    Type InputType { get; }

    /// <summary>Runs the orchestrator body against a (replaying) context.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
