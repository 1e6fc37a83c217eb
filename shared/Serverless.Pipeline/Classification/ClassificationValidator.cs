using System.Text.Json;
using Serverless.Pipeline.Ai;

namespace Serverless.Pipeline.Classification;

/// <summary>Validates a model's classification answer against the schema and the taxonomy; returns the reason it is invalid, or null.</summary>
internal static class ClassificationValidator
{
    public const int MaxRationaleLength = 600;

    private static readonly string[] Required = ["label", "confidence", "rationale"];

    public static string Schema(Taxonomy taxonomy) => JsonSerializer.Serialize(new
    {
        type = "object",
        properties = new
        {
            label = new { type = "string", @enum = taxonomy.Labels.Select(l => l.Name).ToArray() },
            confidence = new { type = "number", minimum = 0, maximum = 1 },
            rationale = new { type = "string" },
        },
        required = Required,
        additionalProperties = false,
    });

    public static string? Validate(string answer, Taxonomy taxonomy, out (string Label, double Confidence, string Rationale) value)
    {
        value = default;
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(StructuredOutput.StripFences(answer)).RootElement;
        }
        catch (JsonException)
        {
            return "the answer is not valid JSON";
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return "the answer is not a JSON object";
        }

        if (!root.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String || taxonomy.Find(label.GetString()) is not { } known)
        {
            return "label is missing or not one of the taxonomy's labels";
        }

        if (!root.TryGetProperty("confidence", out var confidence) || confidence.ValueKind != JsonValueKind.Number
            || confidence.GetDouble() is < 0 or > 1 or double.NaN)
        {
            return "confidence is missing or not a number between 0 and 1";
        }

        if (!root.TryGetProperty("rationale", out var rationale) || rationale.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(rationale.GetString()) || rationale.GetString()!.Length > MaxRationaleLength)
        {
            return $"rationale is missing, empty or longer than {MaxRationaleLength} characters";
        }

        value = (known.Name, confidence.GetDouble(), rationale.GetString()!.Trim());
        return null;
    }
}
