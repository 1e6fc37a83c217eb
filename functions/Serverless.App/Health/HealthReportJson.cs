using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.App.Health;

/// <summary>The body of <c>/healthz</c>.</summary>
internal sealed record HealthReportJson(
    string Status,
    double DurationMs,
    IReadOnlyDictionary<string, HealthEntryJson> Checks);

/// <summary>One check in <c>/healthz</c>.</summary>
internal sealed record HealthEntryJson(string Status, string? Description, IReadOnlyDictionary<string, string> Data);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(HealthReportJson))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
