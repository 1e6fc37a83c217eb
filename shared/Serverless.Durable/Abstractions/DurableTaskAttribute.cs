namespace Serverless.Durable;

/// <summary>Names an orchestrator or activity class (the class name is used otherwise), and optionally its version.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DurableTaskAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public DurableTaskAttribute(string? name = null) => Name = name;

    /// <summary>The registered name.</summary>
    public string? Name { get; }

    /// <summary>The orchestrator version this class implements; instances started with that version replay on it.</summary>
    public string? Version { get; init; }
}
