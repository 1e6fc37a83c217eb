using System.CommandLine;
using Serverless.Cli.Commands;
using Spectre.Console;

namespace Serverless.Cli;

/// <summary>The <c>serverless</c> command line. Every command talks to the HTTP API v1 with a tenant API key.</summary>
internal static class CliApp
{
    public static RootCommand Build(IAnsiConsole console, TextWriter output, HttpMessageHandler? handler = null)
    {
        var root = new RootCommand("Serverless: submit documents, follow their workflows, review, retry, search and see usage.");
        root.Add(GlobalOptions.Url);
        root.Add(GlobalOptions.ApiKey);
        root.Add(GlobalOptions.Json);
        Func<ParseResult, CliContext> context = parse => Context(parse, console, output, handler);
        root.Add(SubmitCommand.Create(context));
        foreach (var command in WorkflowCommands.Create(context))
        {
            root.Add(command);
        }

        foreach (var command in QueryCommands.Create(context))
        {
            root.Add(command);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken, HttpMessageHandler? handler = null)
    {
        var parse = Build(console, output, handler).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            }

            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (ApiException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return e.ExitCode;
        }
        catch (UsageException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitCodes.Usage;
        }
    }

    private static CliContext Context(ParseResult parse, IAnsiConsole console, TextWriter output, HttpMessageHandler? handler)
    {
        var url = parse.GetValue(GlobalOptions.Url)!;
        var key = parse.GetValue(GlobalOptions.ApiKey);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new UsageException("an API key is required: --api-key KEY or SERVERLESS_API_KEY.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseAddress))
        {
            throw new UsageException($"--url must be an absolute URL, got '{url}'.");
        }

        return new CliContext(ApiClient.Create(baseAddress, key, handler), console, parse.GetValue(GlobalOptions.Json), output);
    }
}

/// <summary>A command line that parses but cannot be run (a missing key, a file that does not exist).</summary>
internal sealed class UsageException(string message) : Exception(message);
