namespace Serverless.Pipeline.Classification;

/// <summary>One label of the taxonomy: a name, what it means, and a few example phrases.</summary>
public sealed record TaxonomyLabel(string Name, string Description, IReadOnlyList<string>? Examples = null);
