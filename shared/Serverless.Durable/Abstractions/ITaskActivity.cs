namespace Serverless.Durable;

/// <summary>The untyped shape every activity has; <see cref="TaskActivity{TInput, TOutput}"/> implements it.</summary>
public interface ITaskActivity
{
    /// <summary>The type the input is deserialised to.</summary>
    Type InputType { get; }

    /// <summary>Runs the activity.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}
