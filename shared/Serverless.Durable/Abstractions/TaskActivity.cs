namespace Serverless.Durable;

/// <summary>
/// Base class of an activity: the unit of real work (I/O, CPU) an orchestration schedules. Activities
/// run at least once; one whose result was committed to the orchestration's history never runs again.
/// </summary>
/// <typeparam name="TInput">The activity input.</typeparam>
/// <typeparam name="TOutput">The activity output.</typeparam>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    Type ITaskActivity.InputType => typeof(TInput);

    /// <summary>The activity body.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}
