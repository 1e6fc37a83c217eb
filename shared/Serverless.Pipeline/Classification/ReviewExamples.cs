using Azure.Data.Tables;

namespace Serverless.Pipeline.Classification;

/// <summary>
/// Learning from review: every reviewer decision is kept as a labelled example of the tenant's taxonomy
/// (partition = tenant, row = the document's content hash, so a document counts once and a later decision
/// replaces an earlier one). Later classifications of that tenant send the most recent examples of each
/// label with the taxonomy (<see cref="ReviewExampleScope"/>), where the classifier uses them as prototypes.
/// </summary>
public sealed class ReviewExamples(PipelineStorage storage, TimeProvider time)
{
    /// <summary>Characters of a document kept as its example (the start of its text or its summary).</summary>
    public const int MaxExampleCharacters = 4000;

    /// <summary>Examples per label sent with a classification.</summary>
    public const int PerLabel = 5;

    /// <summary>Records <paramref name="text"/> as an example of <paramref name="label"/> for the tenant (idempotent per document).</summary>
    public async Task RecordAsync(string tenant, string contentHash, string label, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var table = await storage.ReviewExamplesTableAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity(TenantId.Validate(tenant), contentHash)
        {
            ["Label"] = label,
            ["Text"] = text.Length > MaxExampleCharacters ? text[..MaxExampleCharacters] : text,
            ["DecidedAt"] = time.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant's most recent examples, at most <see cref="PerLabel"/> per label, for the labels of <paramref name="taxonomy"/>.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ForTenantAsync(string tenant, Taxonomy taxonomy, CancellationToken cancellationToken)
    {
        var table = await storage.ReviewExamplesTableAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(string Label, string Text, DateTimeOffset At)>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TenantId.Validate(tenant)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (taxonomy.Find(row.GetString("Label")) is { } label)
            {
                rows.Add((label.Name, row.GetString("Text") ?? "", row.GetDateTimeOffset("DecidedAt") ?? DateTimeOffset.MinValue));
            }
        }

        return rows.GroupBy(r => r.Label, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.OrderByDescending(r => r.At).Take(PerLabel).Select(r => r.Text)], StringComparer.Ordinal);
    }
}
