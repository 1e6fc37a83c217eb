using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Functions.Durable;

/// <summary>Runs a class-based activity (the one the local host's registry runs) from an activity function.</summary>
internal static class Activities
{
    /// <summary>The binding data key under which the activity trigger passes the orchestration's instance id.</summary>
    public const string InstanceIdKey = "instanceId";

    public static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(FunctionContext function, TInput input)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(function);

        // Constructed the way DurableTaskRegistry.AddActivity<T> does: from DI when registered, else with its dependencies from DI.
        var activity = ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(function.InstanceServices);
        return activity.RunAsync(new FunctionActivityContext(function.FunctionDefinition.Name, InstanceId(function)), input);
    }

    public static string InstanceId(FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function.BindingContext.BindingData.TryGetValue(InstanceIdKey, out var value) && value?.ToString() is { Length: > 0 } id
            ? id
            : throw new InvalidOperationException($"The activity trigger of {function.FunctionDefinition.Name} passed no '{InstanceIdKey}'.");
    }
}
