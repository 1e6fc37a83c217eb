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

        var settings = AppSettings.Written(template).ToDictionary(s => s.Name, s => s.Value);

        settings.ShouldContainKey("AzureWebJobsStorage__accountName");
        settings["AzureWebJobsStorage__credential"].ShouldBe("managedidentity");
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            settings[$"AzureWebJobsStorage__{service}ServiceUri"].ShouldContain($"{service}Endpoint");
        }

        settings.ShouldNotContainKey("AzureWebJobsStorage");
        settings.Values.ShouldAllBe(v => !v.Contains("AccountKey", StringComparison.OrdinalIgnoreCase));
        settings.Values.ShouldAllBe(v => !v.Contains("SharedAccessKey", StringComparison.OrdinalIgnoreCase));
        settings.Values.ShouldAllBe(v => !v.Contains("listKeys", StringComparison.OrdinalIgnoreCase));
        settings.Keys.ShouldAllBe(k => !k.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) || k == "APPLICATIONINSIGHTS_CONNECTION_STRING");
        settings["Pipeline__Providers__inference__ApiKey"].ShouldContain("@Microsoft.KeyVault(SecretUri=");
        settings["Pipeline__Providers__azureopenai__UseManagedIdentity"].ShouldBe("true");
        settings.ShouldNotContainKey("Pipeline__Providers__azureopenai__ApiKey");
    }

    [Fact]
    public async Task FunctionApp_FlexConsumption_RunsDotnetIsolated10FromAnIdentityDeployedPackage()
    {
        var template = await BicepCli.BuildAsync("main.bicep");

        var plan = BicepCli.OfType(template, "Microsoft.Web/serverfarms").Single();
        var site = BicepCli.OfType(template, "Microsoft.Web/sites").Single();
        var config = site["properties"]!["functionAppConfig"]!;
        var settings = AppSettings.Written(template).Select(s => s.Name).ToList();

        ((string?)plan["sku"]!["name"]).ShouldBe("FC1");
        ((string?)plan["sku"]!["tier"]).ShouldBe("FlexConsumption");
        ((string?)config["runtime"]!["name"]).ShouldBe("dotnet-isolated");
        ((string?)config["runtime"]!["version"]).ShouldBe("10.0");
        ((string?)config["deployment"]!["storage"]!["type"]).ShouldBe("blobContainer");
        ((string?)config["deployment"]!["storage"]!["authentication"]!["type"]).ShouldBe("SystemAssignedIdentity");
        config["deployment"]!["storage"]!["authentication"]!["storageAccountConnectionStringName"].ShouldBeNull();
        // Flex Consumption takes the runtime from functionAppConfig and rejects these settings.
        settings.ShouldNotContain("FUNCTIONS_WORKER_RUNTIME");
        settings.ShouldNotContain("FUNCTIONS_EXTENSION_VERSION");
        settings.ShouldNotContain("WEBSITE_RUN_FROM_PACKAGE");
    }

    [Fact]
    public async Task ServiceBus_Namespace_IsStandardWithLocalAuthOffAndTheTopicDropsRepeats()
    {
        var template = await BicepCli.BuildAsync("main.bicep");

        var ns = BicepCli.OfType(template, "Microsoft.ServiceBus/namespaces").Single();
        var topic = BicepCli.OfType(template, "Microsoft.ServiceBus/namespaces/topics").Single();

        ((string?)ns["sku"]!["name"]).ShouldBe("Standard");
        ((bool?)ns["properties"]!["disableLocalAuth"]).ShouldBe(true);
        ((string?)ns["properties"]!["minimumTlsVersion"]).ShouldBe("1.2");
        ((bool?)topic["properties"]!["requiresDuplicateDetection"]).ShouldBe(true);
        BicepCli.OfType(template, "Microsoft.ServiceBus/namespaces/topics/subscriptions").ShouldNotBeEmpty("a topic without a subscription drops every message");
        BicepCli.OfType(template, "Microsoft.ServiceBus/namespaces/AuthorizationRules").ShouldBeEmpty();
    }

    [Fact]
    public async Task EventGrid_Subscription_SendsBlobCreatedInIncomingToTheBlobExtension()
    {
        var template = await BicepCli.BuildAsync("main.bicep");

        var module = BicepCli.OfType(template, "Microsoft.Resources/deployments").Single(d => (string?)d["name"] == "eventgrid");
        var topic = BicepCli.OfType(template, "Microsoft.EventGrid/systemTopics").Single();
        var subscription = BicepCli.OfType(template, "Microsoft.EventGrid/systemTopics/eventSubscriptions").Single()["properties"]!;
        var url = (string)subscription["destination"]!["properties"]!["endpointUrl"]!;

        ((string?)module["condition"]).ShouldBe("[parameters('subscribeIncomingBlobEvents')]");
        ((string?)topic["properties"]!["topicType"]).ShouldBe("Microsoft.Storage.StorageAccounts");
        ((string?)subscription["destination"]!["endpointType"]).ShouldBe("WebHook");
        url.ShouldContain("https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code={2}");
        url.ShouldContain(".systemKeys.blobs_extension");
        subscription["filter"]!["includedEventTypes"]!.AsArray().Select(e => (string?)e).ShouldBe(["Microsoft.Storage.BlobCreated"]);
        ((string)subscription["filter"]!["subjectBeginsWith"]!).ShouldContain("/blobServices/default/containers/{0}/");
        var parameters = module["properties"]!["template"]!["parameters"]!;
        ((string?)parameters["incomingContainer"]!["defaultValue"]).ShouldBe("incoming");
        ((string?)parameters["blobFunctionName"]!["defaultValue"]).ShouldBe("IncomingBlob");
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
        // Blob Data Owner, Queue Data Contributor, Table Data Contributor (the Durable extension needs all three),
        // OpenAI User, Key Vault Secrets User, Service Bus Data Sender.
        foreach (var role in new[] { "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", "4633458b-17de-408a-b874-0445c86b69e6", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39" })
        {
            rbac.ShouldContain(role);
        }

        // Owner, Contributor, Storage Account Contributor (which can list keys) and Service Bus Data Owner are never granted.
        foreach (var broad in new[] { "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c", "17d1049b-9a84-46fb-8f53-869881c3d3ab", "090c5cfd-751d-490a-894a-3ce6f1109419" })
        {
            rbac.ShouldNotContain(broad);
        }

        // The sender role is scoped to the completion topic, not the namespace.
        var sender = BicepCli.OfType(template, "Microsoft.Authorization/roleAssignments")
            .Single(r => ((string)r["properties"]!["roleDefinitionId"]!).Contains("serviceBusDataSender", StringComparison.Ordinal));
        ((string)sender["scope"]!).ShouldContain("Microsoft.ServiceBus/namespaces/topics");
    }

    [Fact]
    public async Task EventGrid_FilteredContainer_IsOneTheStorageModuleCreates()
    {
        var template = await BicepCli.BuildAsync("main.bicep");

        string Default(string module, string parameter) => (string)BicepCli.OfType(template, "Microsoft.Resources/deployments")
            .Single(d => (string?)d["name"] == module)["properties"]!["template"]!["parameters"]![parameter]!["defaultValue"]!;
        var containers = BicepCli.OfType(template, "Microsoft.Resources/deployments").Single(d => (string?)d["name"] == "storage")
            ["properties"]!["template"]!["parameters"]!["containers"]!["defaultValue"]!.AsArray().Select(c => (string?)c);

        containers.ShouldContain(Default("eventgrid", "incomingContainer"));
    }
}
