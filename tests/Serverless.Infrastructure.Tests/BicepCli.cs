using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Serverless.Testing;

namespace Serverless.Infrastructure.Tests;

/// <summary>Runs the real Bicep CLI that restore downloaded (Azure.Bicep.CommandLine.linux-x64).</summary>
internal static class BicepCli
{
    public static string BinaryPath { get; } = typeof(BicepCli).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!;

    public static string InfraPath(string file) => RepositoryRoot.Combine("infra-bicep", file);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        if (!File.Exists(BinaryPath))
        {
            throw new InvalidOperationException($"Bicep CLI not found at {BinaryPath}; run dotnet restore.");
        }

        var start = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    // One compile per file and test run: the files do not change while the tests run, and the build takes seconds on a loaded machine.
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Builds = new();

    /// <summary>Compiles a Bicep file to its ARM JSON template (a fresh copy each call).</summary>
    public static async Task<JsonObject> BuildAsync(string file)
    {
        var json = await Builds.GetOrAdd(file, f => new Lazy<Task<string>>(() => CompileAsync(f))).Value;
        return JsonNode.Parse(json)!.AsObject();
    }

    private static async Task<string> CompileAsync(string file)
    {
        var (exitCode, output, error) = await RunAsync("build", InfraPath(file), "--stdout");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {file} failed ({exitCode}): {error}");
        }

        return output;
    }

    /// <summary>Every resource in a compiled template, including those inside nested module deployments.</summary>
    public static IEnumerable<JsonObject> AllResources(JsonObject template)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject map => map.Select(p => p.Value).OfType<JsonObject>(), // language version 2.0 symbolic names
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return resource;
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in AllResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    public static IEnumerable<JsonObject> OfType(JsonObject template, string type) =>
        AllResources(template).Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));
}
