using System.Text.Json.Nodes;
using Shouldly;

namespace Serverless.Infrastructure.Tests;

/// <summary>
/// G19: the infrastructure ships locked down. Compiles infra-bicep/main.bicep with the real Bicep CLI
/// and checks the settings on the compiled template, so a weakened module fails here.
/// </summary>
public sealed class MainTemplateTests
{
    [Fact]
    public async Task Lint_MainTemplate_ReportsNoDiagnostics()
    {
        var (exitCode, output, error) = await BicepCli.RunAsync("lint", BicepCli.InfraPath("main.bicep"));

        exitCode.ShouldBe(0, error);
        (output + error).ShouldNotContain("Warning");
        (output + error).ShouldNotContain("Error");
    }

    [Fact]
    public async Task BuildParams_ParameterFile_CompilesAgainstMainTemplate()
    {
        var (exitCode, _, error) = await BicepCli.RunAsync("build-params", BicepCli.InfraPath("main.bicepparam"), "--stdout");

        exitCode.ShouldBe(0, error);
    }

    [Fact]
    public async Task Storage_Account_RefusesKeysPublicBlobsAndOldTls()
    {
        var template = await BicepCli.BuildAsync("main.bicep");

        var account = BicepCli.OfType(template, "Microsoft.Storage/storageAccounts").Single();
        var properties = account["properties"]!;

        ((bool?)properties["allowSharedKeyAccess"]).ShouldBe(false);
        ((bool?)properties["allowBlobPublicAccess"]).ShouldBe(false);
        ((bool?)properties["supportsHttpsTrafficOnly"]).ShouldBe(true);
        ((string?)properties["minimumTlsVersion"]).ShouldBe("TLS1_2");
        foreach (var container in BicepCli.OfType(template, "Microsoft.Storage/storageAccounts/blobServices/containers"))
        {
            ((string?)container["properties"]!["publicAccess"]).ShouldBe("None");
        }
    }

    [Fact]
    public async Task FunctionApp_Site_IsHttpsOnlyWithModernTlsAndNoPublishingPasswords()
    {
        var template = await BicepCli.BuildAsync("main.bicep");

        var site = BicepCli.OfType(template, "Microsoft.Web/sites").Single();
        var properties = site["properties"]!;
        var config = properties["siteConfig"]!;

        ((bool?)properties["httpsOnly"]).ShouldBe(true);
        ((string?)config["minTlsVersion"]).ShouldBe("1.2");
        ((string?)config["ftpsState"]).ShouldBe("Disabled");
        ((string?)site["identity"]!["type"]).ShouldBe("SystemAssigned");
        var policies = BicepCli.OfType(template, "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        policies.Count.ShouldBe(2);
        policies.ShouldAllBe(p => (bool?)p["properties"]!["allow"] == false);
    }

    [Fact]
    public async Task FunctionApp_Settings_UseIdentityNotKeys()
    {
        var template = await BicepCli.BuildAsync("main.bicep");

        var settings = BicepCli.OfType(template, "Microsoft.Web/sites").Single()["properties"]!["siteConfig"]!["appSettings"]!
            .AsArray().OfType<JsonObject>()
            .ToDictionary(s => (string)s["name"]!, s => s["value"]!.ToJsonString());

        settings.ShouldContainKey("AzureWebJobsStorage__accountName");
        settings["AzureWebJobsStorage__credential"].ShouldBe("\"managedidentity\"");
        settings.ShouldNotContainKey("AzureWebJobsStorage");
        settings["FUNCTIONS_WORKER_RUNTIME"].ShouldBe("\"custom\"");
        settings.Values.ShouldAllBe(v => !v.Contains("AccountKey", StringComparison.OrdinalIgnoreCase));
        settings.Values.ShouldAllBe(v => !v.Contains("listKeys", StringComparison.OrdinalIgnoreCase));
        settings["Ai__Inference__ApiKey"].ShouldContain("@Microsoft.KeyVault(SecretUri=");
    }

    [Fact]
    public async Task AzureOpenAi_Account_HasLocalAuthDisabled()
    {
        var template = await BicepCli.BuildAsync("main.bicep");

        var account = BicepCli.OfType(template, "Microsoft.CognitiveServices/accounts").Single();

        ((bool?)account["properties"]!["disableLocalAuth"]).ShouldBe(true);
        ((string?)account["kind"]).ShouldBe("OpenAI");
    }

    [Fact]
    public async Task Monitoring_ApplicationInsights_HasLocalAuthDisabled()
    {
        var template = await BicepCli.BuildAsync("main.bicep");

        var insights = BicepCli.OfType(template, "Microsoft.Insights/components").Single();

        ((bool?)insights["properties"]!["DisableLocalAuth"]).ShouldBe(true);
    }

    [Fact]
    public async Task Secrets_InferenceApiKey_IsSecureAndNeverAnOutput()
    {
        var template = await BicepCli.BuildAsync("main.bicep");

        ((string?)template["parameters"]!["inferenceApiKey"]!["type"]).ShouldBe("securestring");
        template["parameters"]!["inferenceApiKey"]!["defaultValue"].ShouldBeNull();
        var outputs = (template["outputs"] as JsonObject)?.Select(o => o.Key) ?? [];
        outputs.ShouldAllBe(name => !name.Contains("key", StringComparison.OrdinalIgnoreCase));
        var vault = BicepCli.OfType(template, "Microsoft.KeyVault/vaults").Single();
        ((bool?)vault["properties"]!["enableRbacAuthorization"]).ShouldBe(true);
    }

    [Fact]
    public async Task Rbac_FunctionIdentity_GetsDataPlaneRolesOnly()
    {
        var template = await BicepCli.BuildAsync("main.bicep");

        var rbac = BicepCli.OfType(template, "Microsoft.Resources/deployments")
            .Single(d => (string?)d["name"] == "rbac")["properties"]!["template"]!.ToJsonString();

        BicepCli.OfType(template, "Microsoft.Authorization/roleAssignments").ShouldNotBeEmpty();
        // Blob Data Owner, Queue Data Contributor, Table Data Contributor, OpenAI User, Key Vault Secrets User.
        foreach (var role in new[] { "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", "4633458b-17de-408a-b874-0445c86b69e6" })
        {
            rbac.ShouldContain(role);
        }

        // Owner, Contributor and Storage Account Contributor (which can list keys) are never granted.
        foreach (var broad in new[] { "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c", "17d1049b-9a84-46fb-8f53-869881c3d3ab" })
        {
            rbac.ShouldNotContain(broad);
        }
    }
}
