namespace Serverless.Durable.Storage;

/// <summary>Test seams of one engine instance: a hook at each <see cref="CrashPoint"/> (throw to abandon the work there).</summary>
internal sealed class EngineHooks
{
    public Action<CrashPoint, string>? OnCrashPoint { get; set; }

    /// <summary>Send every queue message twice (duplicate-delivery tests).</summary>
    public bool DuplicateSends { get; set; }

    public void Reach(CrashPoint point, string instanceId) => OnCrashPoint?.Invoke(point, instanceId);
}
