namespace Serverless.Durable;

/// <summary>
/// Base class of an orchestrator: a deterministic function of its history. It is replayed from the
/// start on every episode, so it may only await the context's tasks and must not read the clock,
/// random numbers or I/O directly (use <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>,
/// <see cref="TaskOrchestrationContext.NewGuid"/> and activities).
/// </summary>
/// <typeparam name="TInput">The orchestration input.</typeparam>
/// <typeparam name="TOutput">The orchestration output.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    /// <summary>The orchestrator body.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}
