using System.Text.Json.Nodes;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Cli.Tests;

/// <summary>The CLI against a real local host (real engine on Azurite, real inference app): what an operator and a script see.</summary>
public sealed class CliTests(AzuriteFixture azurite, CliInferenceApp inference)
{
    private static readonly string[] Samples = ["invoice-text-layer.pdf", "meeting-letter.txt", "service-contract.docx"];

    [Fact]
    public async Task Submit_Folder_ShowsEveryDocumentInTheResultTable_AndSearchAndUsageSeeThem()
    {
        await using var deployment = await Deployment.StartAsync(azurite, inference);
        var folder = SampleFolder();

        var (code, console, _) = await deployment.RunAsync("submit", folder);

        code.ShouldBe(ExitCodes.Ok, console);
        foreach (var sample in Samples)
        {
            console.ShouldContain(sample);
        }

        console.ShouldContain("Completed");
        console.ShouldContain("invoice");
        var (searchCode, hits) = await deployment.RunJsonAsync("search", "invoice total amount due", "-k", "3");
        searchCode.ShouldBe(ExitCodes.Ok);
        hits.AsArray().Count.ShouldBeGreaterThan(0);
        var (usageCode, usage) = await deployment.RunJsonAsync("usage");
        usageCode.ShouldBe(ExitCodes.Ok);
        ((int)usage["completed"]!).ShouldBe(Samples.Length);
        var (_, table, _) = await deployment.RunAsync("usage");
        table.ShouldContain("3 workflows (3 completed, 0 failed)");
    }

    [Fact]
    public async Task SubmitJson_UnsupportedFileBesideAGoodOne_GoodOneCompletesRejectedOneNamedWithItsReason_ExitCodeOne()
    {
        await using var deployment = await Deployment.StartAsync(azurite, inference);
        var folder = Directory.CreateTempSubdirectory("cli-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "note.txt"), "A short note about the quarterly supplier review meeting on Friday.", TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(folder, "program.bin"), [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], TestContext.Current.CancellationToken);

        var (code, json) = await deployment.RunJsonAsync("submit", folder);

        code.ShouldBe(ExitCodes.WorkflowFailed, json.ToJsonString());
        var documents = json["documents"]!.AsArray().Select(d => d!.AsObject()).ToList();
        documents.Single(d => ((string?)d["file"])!.EndsWith("note.txt", StringComparison.Ordinal))["status"]!.GetValue<string>().ShouldBe("Completed");
        var rejected = documents.Single(d => ((string?)d["file"])!.EndsWith("program.bin", StringComparison.Ordinal));
        ((string?)rejected["status"]).ShouldBe("Rejected");
        ((string?)rejected["error"]).ShouldNotBeNull().ShouldContain("415");
    }

    [Fact]
    public async Task Status_UnknownWorkflow_ExitCodeFour_AndWithoutKey_ExitCodeTwo_AndWrongKey_ExitCodeThree()
    {
        await using var deployment = await Deployment.StartAsync(azurite, inference);

        (await deployment.RunAsync("status", "cli~nothing-here")).Code.ShouldBe(ExitCodes.NotFound);

        using var output = new StringWriter();
        var console = new Spectre.Console.Testing.TestConsole();
        (await CliApp.RunAsync(["status", "x", "--url", deployment.Url.ToString(), "--api-key", ""], console, output, TestContext.Current.CancellationToken))
            .ShouldBe(ExitCodes.Usage);
        (await CliApp.RunAsync(["status", "x", "--url", deployment.Url.ToString(), "--api-key", "sk_not-a-key"], console, output, TestContext.Current.CancellationToken))
            .ShouldBe(ExitCodes.ApiError);
        console.Output.ShouldContain("401");
        (await CliApp.RunAsync(["no-such-command"], console, output, TestContext.Current.CancellationToken)).ShouldBe(ExitCodes.Usage);
    }

    [Fact]
    public async Task Review_ListsTheWaitingWorkflow_DecisionCompletesItWithTheReviewersLabel()
    {
        await using var deployment = await Deployment.StartAsync(azurite, inference, new Dictionary<string, string>
        {
            ["Pipeline:ReviewConfidenceThreshold"] = "1",
            ["Pipeline:Workflow:ReviewTimeout"] = "00:10:00",
        });
        var file = Path.Combine(SampleFolder(), "meeting-letter.txt");
        var (submitCode, submitted) = await deployment.RunJsonAsync("submit", file, "--no-wait");
        submitCode.ShouldBe(ExitCodes.Ok);
        var id = (string)submitted["documents"]![0]!["id"]!;

        var waiting = await PollAsync(deployment, ["review"], j => j.AsArray().Any(w => (string?)w!["id"] == id));
        ((string?)waiting.AsArray().First(w => (string?)w!["id"] == id)!["waitingFor"]).ShouldBe("ReviewDecision");
        (await deployment.RunAsync("review", id, "--label", "contract", "--reviewer", "cli-test")).Code.ShouldBe(ExitCodes.Ok);

        var done = await PollAsync(deployment, ["status", id], j => (string?)j["runtimeStatus"] == "Completed");
        ((string?)done["output"]!["classification"]!["label"]).ShouldBe("contract");
        ((string?)done["output"]!["labelDecidedBy"]).ShouldBe("human");
    }

    [Fact]
    public async Task RetryFailed_RestartsTheTenantsFailedWorkflows_AndStatusExitsOneForAFailedWorkflow()
    {
        await using var deployment = await Deployment.StartAsync(azurite, inference);
        var folder = Directory.CreateTempSubdirectory("cli-").FullName;
        var broken = Path.Combine(folder, "broken.pdf");
        await File.WriteAllTextAsync(broken, "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", TestContext.Current.CancellationToken);
        var (submitCode, submitted) = await deployment.RunJsonAsync("submit", broken);
        submitCode.ShouldBe(ExitCodes.WorkflowFailed, submitted.ToJsonString());
        var id = (string)submitted["documents"]![0]!["id"]!;
        var (statusCode, before) = await deployment.RunJsonAsync("status", id);
        statusCode.ShouldBe(ExitCodes.WorkflowFailed);

        var (code, retried) = await deployment.RunJsonAsync("retry", "--failed");

        code.ShouldBe(ExitCodes.Ok, retried.ToJsonString());
        var entry = retried.AsArray().Single(r => (string?)r!["id"] == id)!;
        ((bool)entry["restarted"]!).ShouldBeTrue();
        // The restarted workflow is still the tenant's (the engine's own restart dropped the tenant tag: it answered 404 here).
        var again = await PollAsync(deployment, ["status", id], j => (string?)j["runtimeStatus"] == "Failed" && (string?)j["createdTime"] != (string?)before["createdTime"]);
        ((string?)again["instanceId"]).ShouldBe(id);
        (await deployment.RunAsync("retry")).Code.ShouldBe(ExitCodes.Usage);
    }

    private static async Task<JsonNode> PollAsync(Deployment deployment, string[] args, Func<JsonNode, bool> condition)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        JsonNode? last = null;
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            var (_, json) = await deployment.RunJsonAsync(args);
            last = json;
            if (condition(json))
            {
                return json;
            }

            await Task.Delay(300, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"serverless {string.Join(' ', args)} never got there; last: {last?.ToJsonString()}");
    }

    private static string SampleFolder()
    {
        var folder = Directory.CreateTempSubdirectory("cli-samples-").FullName;
        foreach (var sample in Samples)
        {
            File.Copy(RepositoryRoot.Combine("samples", sample), Path.Combine(folder, sample));
        }

        return folder;
    }
}
