using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Serverless.Testing;

namespace Serverless.Functions.Tests;

/// <summary>
/// <c>scripts/publish-functions.sh</c> makes the zip that is deployed: the Functions host reads host.json, functions.metadata
/// and worker.config.json at its root and loads the extensions from .azurefunctions/. Published from this run's build
/// (<c>--no-build</c>), so it takes seconds.
/// </summary>
public sealed class PublishTests
{
    [Fact]
    public async Task PublishScript_Zip_HoldsTheHostFilesAndTheWorker()
    {
        var directory = Directory.CreateTempSubdirectory("functions-publish-");
        try
        {
            var zipPath = Path.Combine(directory.FullName, "functions-app.zip");

            var (exitCode, output) = await RunAsync(
                "bash", RepositoryRoot.Combine("scripts", "publish-functions.sh"), "--no-build", "-c", FunctionsBuildOutput.Configuration, zipPath);

            exitCode.ShouldBe(0, output);
            using var zip = ZipFile.OpenRead(zipPath);
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            entries.ShouldContain("Serverless.Functions.dll");
            entries.ShouldContain("Serverless.App.dll");
            entries.ShouldContain("Serverless.Pipeline.dll");
            entries.ShouldContain("functions.metadata");
            entries.ShouldContain("extensions.json");
            entries.ShouldContain(".azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll");
            entries.ShouldContain(".azurefunctions/Microsoft.Azure.WebJobs.Extensions.Storage.Blobs.dll");
            entries.ShouldContain(".azurefunctions/Microsoft.Azure.WebJobs.Extensions.Storage.Queues.dll");
            Read(zip, "host.json").ShouldBe(await File.ReadAllTextAsync(RepositoryRoot.Combine("host.json"), TestContext.Current.CancellationToken));
            var worker = JsonNode.Parse(Read(zip, "worker.config.json"))!["description"]!;
            ((string?)worker["language"]).ShouldBe("dotnet-isolated");
            ((string?)worker["defaultWorkerPath"]).ShouldBe("Serverless.Functions.dll");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name).ShouldNotBeNull($"{name} is not in the zip").Open());
        return reader.ReadToEnd();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
