using System.Text.Json.Nodes;

namespace Serverless.Infrastructure.Tests;

/// <summary>The app settings a compiled template writes on the function app.</summary>
internal static class AppSettings
{
    /// <summary>Name and value of each setting; a value computed at deploy time is its ARM expression (<c>[parameters('…')]</c>).</summary>
    public static IReadOnlyList<(string Name, string Value)> Written(JsonObject template)
    {
        var site = BicepCli.OfType(template, "Microsoft.Web/sites").Single();
        var settings = site["properties"]!["siteConfig"]!["appSettings"] as JsonArray
            ?? throw new InvalidOperationException("siteConfig.appSettings must be a literal array, so that its names can be checked before deploy.");
        return settings.OfType<JsonObject>()
            .Select(s => ((string)s["name"]!, (string)s["value"]!))
            .ToList();
    }

    /// <summary>True for a value ARM computes at deploy time (a parameter, a module output).</summary>
    public static bool IsExpression(string value) => value.StartsWith('[') && !value.StartsWith("[[", StringComparison.Ordinal);
}
