using System.Text.Json.Nodes;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Infrastructure.Tests;

/// <summary>The Functions host files at the repository root parse and carry what a custom handler needs.</summary>
public sealed class HostFilesTests
{
    [Fact]
    public void HostJson_CustomHandler_HasTheFieldsTheFunctionsHostRequires()
    {
        var host = ReadJson("host.json");

        ((string?)host["version"]).ShouldBe("2.0");
        var handler = host["customHandler"]!["description"]!;
        ((string?)handler["defaultExecutablePath"]).ShouldNotBeNullOrWhiteSpace();
        ((string?)host["extensionBundle"]!["id"]).ShouldBe("Microsoft.Azure.Functions.ExtensionBundle");
        ((string?)host["extensionBundle"]!["version"]).ShouldBe("[4.*, 5.0.0)");
        host["logging"].ShouldNotBeNull();
    }

    [Fact]
    public void LocalSettingsSample_Values_SelectCustomRuntimeAndAzurite()
    {
        var values = ReadJson("local.settings.sample.json")["Values"]!.AsObject();

        ((string?)values["FUNCTIONS_WORKER_RUNTIME"]).ShouldBe("Custom");
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
