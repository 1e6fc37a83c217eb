using System.Diagnostics;
using System.Text.RegularExpressions;
using Serverless.Testing;
using Shouldly;

namespace Serverless.EndToEnd.Tests;

/// <summary>
/// The README's run command, as a user runs it (set-up and builds skipped: the test command has done
/// both): it starts its own Azurite, inference app and function app, processes every sample, prints
/// the table, one search and the tenant's usage, stops everything and exits 0.
/// </summary>
public sealed class RunCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task RunOnce_ProcessesEverySample_SearchesAndShowsUsage_ThenExitsCleanly()
    {
        var ct = TestContext.Current.CancellationToken;
        var samples = Directory.GetFiles(RepositoryRoot.Combine("samples"))
            .Select(Path.GetFileName).Where(n => n != "README.md").Order(StringComparer.Ordinal).ToList();
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path };
        info.ArgumentList.Add("scripts/run.sh");
        info.ArgumentList.Add("--once");
        info.Environment["SERVERLESS_SKIP_SETUP"] = "1";
        info.Environment.Remove("AzureWebJobsStorage");

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = Plain(await stdout + await stderr);
        process.ExitCode.ShouldBe(0, output);
        output.ShouldContain($"all {samples.Count} documents processed", customMessage: output);
        foreach (var sample in samples)
        {
            var row = output.Split('\n').SingleOrDefault(l => l.StartsWith(sample + " ", StringComparison.Ordinal));
            row.ShouldNotBeNull($"no table row for {sample}:\n{output}");
            row.ShouldNotContain("FAILED");
        }

        output.ShouldContain("example search", customMessage: output);
        output.Split('\n').Count(l => l.TrimStart().StartsWith("score ", StringComparison.Ordinal)).ShouldBeGreaterThan(0, output);
        output.ShouldContain($"{samples.Count} workflows ({samples.Count} completed, 0 failed)", customMessage: output);
    }

    /// <summary>The script's log lines are coloured: drop the escape sequences.</summary>
    private static string Plain(string text) => Regex.Replace(text, "\u001b\\[[0-9;]*m", "");
}
