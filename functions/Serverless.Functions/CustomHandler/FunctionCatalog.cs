using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Functions.CustomHandler;

/// <summary>
/// The functions of the app, by name. Both the <c>/{FunctionName}</c> endpoints and the function.json
/// files come from here, so code and files cannot drift (a test compares the checked-in files).
/// </summary>
internal sealed class FunctionCatalog(IReadOnlyList<FunctionCatalog.Entry> entries)
{
    /// <summary>Where the checked-in function folders live, relative to the repository root.</summary>
    public const string FoldersPath = "functions/Serverless.Functions/Functions";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public IReadOnlyList<Entry> Entries => entries;

    /// <summary>The function.json text of each function, as written to disk.</summary>
    public IReadOnlyDictionary<string, string> FunctionJson(AppOptions options) =>
        entries.ToDictionary(e => e.Name, e => new JsonObject { ["bindings"] = e.Bindings(options) }.ToJsonString(Indented) + "\n");

    /// <summary>Writes <c>{directory}/{Name}/function.json</c> for every function.</summary>
    public async Task WriteAsync(string directory, AppOptions options, CancellationToken cancellationToken)
    {
        foreach (var (name, json) in FunctionJson(options))
        {
            var folder = Directory.CreateDirectory(Path.Combine(directory, name));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "function.json"), json, cancellationToken);
        }
    }

    internal sealed record Entry(string Name, Type Type, Func<AppOptions, JsonArray> Bindings);
}
