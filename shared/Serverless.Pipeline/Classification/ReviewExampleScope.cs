namespace Serverless.Pipeline.Classification;

/// <summary>
/// The reviewed examples of the tenant whose document is being classified, for the current async flow:
/// the classify step sets them, the classifiers (built per step without the tenant) read them.
/// </summary>
public static class ReviewExampleScope
{
    private static readonly AsyncLocal<IReadOnlyDictionary<string, IReadOnlyList<string>>?> Current = new();

    /// <summary>The examples in force (label -> texts), or null.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>>? Examples => Current.Value;

    /// <summary>Sets the examples until the returned scope is disposed.</summary>
    public static IDisposable Begin(IReadOnlyDictionary<string, IReadOnlyList<string>> examples)
    {
        var previous = Current.Value;
        Current.Value = examples;
        return new Scope(previous);
    }

    private sealed class Scope(IReadOnlyDictionary<string, IReadOnlyList<string>>? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
