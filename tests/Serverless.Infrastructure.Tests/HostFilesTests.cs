using System.Text.Json.Nodes;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Infrastructure.Tests;

/// <summary>The Functions host files at the repository root parse and carry what the isolated worker app needs.</summary>
public sealed class HostFilesTests
{
    [Fact]
    public void HostJson_IsolatedWorker_HasNoCustomHandlerOrBundleAndConfiguresDurableTask()
    {
        var host = ReadJson("host.json");

        ((string?)host["version"]).ShouldBe("2.0");
        host["customHandler"].ShouldBeNull("the isolated worker is not a custom handler");
        host["extensionBundle"].ShouldBeNull("the extensions come from the worker's build (.azurefunctions), not a bundle");
        var durable = host["extensions"]!["durableTask"]!;
        ((string?)durable["hubName"]).ShouldNotBeNullOrWhiteSpace();
        ((string?)durable["storageProvider"]!["type"]).ShouldBe("AzureStorage");
        ((string?)host["extensions"]!["http"]!["routePrefix"]).ShouldBe("api");
        host["logging"].ShouldNotBeNull();
    }

    [Fact]
    public void LocalSettingsSample_Values_SelectIsolatedWorkerAndAzurite()
    {
        var values = ReadJson("local.settings.sample.json")["Values"]!.AsObject();

        ((string?)values["FUNCTIONS_WORKER_RUNTIME"]).ShouldBe("dotnet-isolated");
        ((string?)values["AzureWebJobsStorage"]).ShouldBe("UseDevelopmentStorage=true");
    }

    [Fact]
    public void LocalSettingsSample_EverySetting_IsExplainedInTheReadme()
    {
        var values = ReadJson("local.settings.sample.json")["Values"]!.AsObject();
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));

        var missing = values.Select(v => v.Key).Where(key => !readme.Contains($"| `{key}`", StringComparison.Ordinal)).ToList();

        missing.ShouldBeEmpty("each setting needs a row in the README's configuration table");
    }

    private static JsonObject ReadJson(string file) =>
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine(file)))!.AsObject();
}
