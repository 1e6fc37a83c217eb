using System.Text.Json;
using Json.Schema;

namespace Serverless.App.Ingestion;

/// <summary>
/// The inbound ERP contract, <c>schemas/erp-document-requested.v1.json</c> (embedded): events are validated
/// against it before anything else, and <c>GET /api/v1/schemas/erp-inbound</c> serves the same bytes.
/// </summary>
internal static class ErpEventSchema
{
    public const string EventType = "com.serverless.erp.document.requested.v1";

    /// <summary>A Storage queue message is at most 64 KB; the contract allows 64 KiB of UTF-8.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private const string ResourceName = "Serverless.App.Schemas.erp-document-requested.v1.json";

    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(ErpEventSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(Json, new BuildOptions()));

    /// <summary>The schema document as stored in the repository.</summary>
    public static string Json => Text.Value;

    /// <summary>The schema's errors for <paramref name="instance"/> (empty when valid), each "location: message".</summary>
    public static IReadOnlyList<string> Validate(JsonElement instance)
    {
        var result = Schema.Value.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Values.Select(message => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {message}"))
            .Distinct(StringComparer.Ordinal)];
    }
}
