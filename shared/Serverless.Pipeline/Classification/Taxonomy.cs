using System.Text.Json;

namespace Serverless.Pipeline.Classification;

/// <summary>The label taxonomy (configuration, not code): from <see cref="PipelineOptions.TaxonomyPath"/> or the built-in default file.</summary>
public sealed record Taxonomy(IReadOnlyList<TaxonomyLabel> Labels)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The label named <paramref name="name"/> (case-insensitive), or null when it is not in the taxonomy.</summary>
    public TaxonomyLabel? Find(string? name) =>
        name is null ? null : Labels.FirstOrDefault(l => string.Equals(l.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a taxonomy JSON document (<c>{ "labels": [ { "name", "description", "examples" } ] }</c>).</summary>
    public static Taxonomy Parse(Stream json)
    {
        var taxonomy = JsonSerializer.Deserialize<Taxonomy>(json, Json);
        if (taxonomy?.Labels is not { Count: > 0 } labels || labels.Any(l => string.IsNullOrWhiteSpace(l.Name) || string.IsNullOrWhiteSpace(l.Description)))
        {
            throw new InvalidDataException("A taxonomy needs at least one label, each with a name and a description.");
        }

        if (labels.Select(l => l.Name.ToLowerInvariant()).Distinct().Count() != labels.Count)
        {
            throw new InvalidDataException("Taxonomy label names must be unique.");
        }

        return taxonomy;
    }

    /// <summary>The taxonomy file at <paramref name="path"/>, or the built-in default when it is empty.</summary>
    public static Taxonomy Load(string? path)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            using var file = File.OpenRead(path);
            return Parse(file);
        }

        using var stream = typeof(Taxonomy).Assembly.GetManifestResourceStream("Serverless.Pipeline.Classification.default-taxonomy.json")!;
        return Parse(stream);
    }
}
