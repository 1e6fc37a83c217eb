using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Durable;

/// <summary>The orchestrators and activities a worker can run, by name (and version for orchestrators).</summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<(string Name, string Version), Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(NameVersionComparer.Instance);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    internal List<Type> ActivityTypes { get; } = [];

    internal List<Type> OrchestratorTypes { get; } = [];

    /// <summary>Registers an orchestrator class (name from <see cref="DurableTaskAttribute"/> or the class name; resolved from DI).</summary>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>()
        where TOrchestrator : class, ITaskOrchestrator
    {
        var (name, version) = NameOf(typeof(TOrchestrator));
        OrchestratorTypes.Add(typeof(TOrchestrator));
        Add(_orchestrators, (name, version ?? ""), sp => ActivatorUtilities.GetServiceOrCreateInstance<TOrchestrator>(sp));
        return this;
    }

    /// <summary>Registers an orchestrator function under a name (and version).</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var instance = new FuncOrchestrator<TInput, TOutput>(implementation);
        Add(_orchestrators, (name, version ?? ""), _ => instance);
        return this;
    }

    /// <summary>Registers an activity class (name from <see cref="DurableTaskAttribute"/> or the class name; resolved from DI).</summary>
    public DurableTaskRegistry AddActivity<TActivity>()
        where TActivity : class, ITaskActivity
    {
        ActivityTypes.Add(typeof(TActivity));
        Add(_activities, NameOf(typeof(TActivity)).Name, sp => ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(sp));
        return this;
    }

    /// <summary>Registers an activity function under a name.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var instance = new FuncActivity<TInput, TOutput>(implementation);
        Add(_activities, name, _ => instance);
        return this;
    }

    internal ITaskOrchestrator? ResolveOrchestrator(IServiceProvider services, string name, string? version)
    {
        if (_orchestrators.TryGetValue((name, version ?? ""), out var exact))
        {
            return exact(services);
        }

        return _orchestrators.TryGetValue((name, ""), out var any) ? any(services) : null;
    }

    internal ITaskActivity? ResolveActivity(IServiceProvider services, string name) =>
        _activities.TryGetValue(name, out var factory) ? factory(services) : null;

    private static (string Name, string? Version) NameOf(Type type)
    {
        var attribute = type.GetCustomAttribute<DurableTaskAttribute>();
        return (attribute?.Name ?? type.Name, attribute?.Version);
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, TValue> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryAdd(key, value))
        {
            throw new ArgumentException($"'{key}' is registered twice.");
        }
    }

    private sealed class NameVersionComparer : IEqualityComparer<(string Name, string Version)>
    {
        public static readonly NameVersionComparer Instance = new();

        public bool Equals((string Name, string Version) x, (string Name, string Version) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Name, y.Name) && StringComparer.Ordinal.Equals(x.Version, y.Version);

        public int GetHashCode((string Name, string Version) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name), obj.Version);
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> body) : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => body(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> body) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => body(context, input);
    }
}
