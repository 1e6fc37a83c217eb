using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Serverless.Cli;

/// <summary>What every command gets: the API client, the console, and whether to print JSON.</summary>
internal sealed class CliContext(ApiClient api, IAnsiConsole console, bool json, TextWriter output)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public ApiClient Api { get; } = api;

    public IAnsiConsole Console { get; } = console;

    public bool Json { get; } = json;

    /// <summary>Machine-readable output (with --json): one JSON document on standard output.</summary>
    public void WriteJson(JsonNode node) => output.WriteLine(node.ToJsonString(Indented));
}

/// <summary>The options every command accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> Url = new("--url")
    {
        Description = "The API's base address (env SERVERLESS_URL; default http://127.0.0.1:7071).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SERVERLESS_URL") ?? "http://127.0.0.1:7071",
    };

    public static readonly Option<string?> ApiKey = new("--api-key")
    {
        Description = "The tenant's API key (env SERVERLESS_API_KEY).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SERVERLESS_API_KEY"),
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON instead of tables (for scripts).",
        Recursive = true,
    };
}
