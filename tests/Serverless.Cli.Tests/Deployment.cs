using System.Text.Json.Nodes;
using Serverless.Testing;
using Spectre.Console.Testing;

namespace Serverless.Cli.Tests;

/// <summary>A local host with the pipeline on the real inference app and its own storage names, and the CLI pointed at it.</summary>
public sealed class Deployment : IAsyncDisposable
{
    public const string Tenant = "cli";
    private readonly FunctionAppProcess _app;

    private Deployment(FunctionAppProcess app, string apiKey)
    {
        _app = app;
        ApiKey = apiKey;
    }

    public string ApiKey { get; }

    public Uri Url => _app.BaseAddress;

    public static async Task<Deployment> StartAsync(AzuriteFixture azurite, InferenceAppFixture inference, IDictionary<string, string>? overrides = null)
    {
        var settings = LocalPipelineSettings.Create(azurite.ConnectionString, inference.BaseAddress);
        settings["App:RateLimitPermits"] = "10000";
        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[name] = value;
        }

        var key = await FunctionAppProcess.CreateApiKeyAsync(settings, Tenant, TestContext.Current.CancellationToken);
        return new Deployment(await FunctionAppProcess.StartAsync(settings, TestContext.Current.CancellationToken), key);
    }

    /// <summary>Runs <c>serverless ARGS --url … --api-key …</c> in process; returns the exit code, what the console showed and what went to standard output.</summary>
    public async Task<(int Code, string Console, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(200);
        using var output = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--url", Url.ToString(), "--api-key", ApiKey], console, output, TestContext.Current.CancellationToken);
        return (code, console.Output, output.ToString());
    }

    /// <summary>Runs a command with --json and parses what it printed.</summary>
    public async Task<(int Code, JsonNode Json)> RunJsonAsync(params string[] args)
    {
        var (code, console, output) = await RunAsync([.. args, "--json"]);
        return (code, JsonNode.Parse(output) ?? throw new InvalidOperationException($"no JSON; console: {console}"));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
