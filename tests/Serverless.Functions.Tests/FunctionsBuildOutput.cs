using System.Reflection;
using System.Text.Json.Nodes;

namespace Serverless.Functions.Tests;

/// <summary>What the Functions app's build wrote: <c>functions.metadata</c> (what the host indexes) and <c>extensions.json</c>.</summary>
internal static class FunctionsBuildOutput
{
    public static string Directory => Metadata("FunctionsOutput");

    public static string Configuration => Metadata("Configuration");

    /// <summary>Every function of <c>functions.metadata</c> by name.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Functions()
    {
        var path = Path.Combine(Directory, "functions.metadata");
        File.Exists(path).ShouldBeTrue($"{path} is missing: build functions/Serverless.Functions first");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray()
            .Select(f => f!.AsObject())
            .ToDictionary(f => (string)f["name"]!, StringComparer.Ordinal);
    }

    public static JsonObject Trigger(JsonObject function) =>
        function["bindings"]!.AsArray().Select(b => b!.AsObject()).Single(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));

    public static IEnumerable<string> BindingTypes(JsonObject function) =>
        function["bindings"]!.AsArray().Select(b => (string)b!["type"]!);

    private static string Metadata(string key) =>
        typeof(FunctionsBuildOutput).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
