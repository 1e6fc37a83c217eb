namespace Serverless.Pipeline.Classification;

/// <summary>
/// One label of the taxonomy: a name, what it means, a few example phrases, and optionally whole example
/// documents (labelled training texts that ship with the taxonomy, so the classifier is trained before any review).
/// </summary>
public sealed record TaxonomyLabel(string Name, string Description, IReadOnlyList<string>? Examples = null, IReadOnlyList<string>? Documents = null)
{
    /// <summary>What the inference classifier trains on for this label before the tenant's reviews: the phrases, then the documents.</summary>
    public IEnumerable<string> TrainingTexts => (Examples ?? []).Concat(Documents ?? []);
}
