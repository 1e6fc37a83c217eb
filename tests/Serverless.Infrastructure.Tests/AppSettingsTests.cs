using Serverless.Pipeline;
using Serverless.Pipeline.Ai;
using Shouldly;

namespace Serverless.Infrastructure.Tests;

/// <summary>
/// The deploy and the app agree on settings: compiles infra-bicep/main.bicep with the real Bicep CLI and checks every
/// app setting it writes against what the app's code reads (its options types, by reflection) and what the Functions
/// host reads (<see cref="HostSettings"/>), and that what the app requires is written.
/// </summary>
public sealed class AppSettingsTests
{
    [Fact]
    public async Task MainTemplate_EveryWrittenSetting_IsReadByTheAppOrTheHost()
    {
        var settings = AppSettings.Written(await BicepCli.BuildAsync("main.bicep"));

        var unread = settings.Select(s => s.Name).Where(n => !HostSettings.IsHostSetting(n) && AppConfiguration.Find(n) is null).ToList();

        unread.ShouldBeEmpty($"settings the app does not read; it reads: {string.Join(", ", AppConfiguration.Patterns)}");
    }

    [Fact]
    public async Task MainTemplate_RequiredSettings_AreWritten()
    {
        var names = AppSettings.Written(await BicepCli.BuildAsync("main.bicep")).Select(s => s.Name).ToList();

        var missing = AppConfiguration.Required(names).Where(r => !names.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();

        missing.ShouldBeEmpty();
    }

    [Fact]
    public async Task MainTemplate_WrittenSettings_PassTheAppsOwnValidation()
    {
        var settings = AppSettings.Written(await BicepCli.BuildAsync("main.bicep"));

        AppConfiguration.Validate(settings).ShouldBeEmpty();
    }

    [Fact]
    public async Task MainTemplate_EveryPipelineStep_IsRoutedToAWrittenProvider()
    {
        var names = AppSettings.Written(await BicepCli.BuildAsync("main.bicep")).Select(s => s.Name).ToList();
        var steps = typeof(StepRoutingOptions).GetProperties().Select(p => p.Name).ToList();

        // Without providers the app would not run the document pipeline; every step the code knows needs a route.
        steps.ShouldContain(nameof(StepRoutingOptions.Embed));
        foreach (var step in steps)
        {
            names.ShouldContain($"{PipelineOptions.SectionName}__{nameof(PipelineOptions.Steps)}__{step}__{nameof(StepRouteOptions.Provider)}");
        }
    }

    [Fact]
    public async Task MainTemplate_HostStorage_IsIdentityBasedAndComplete()
    {
        var settings = AppSettings.Written(await BicepCli.BuildAsync("main.bicep")).ToDictionary(s => s.Name, s => s.Value);

        settings["AzureWebJobsStorage__credential"].ShouldBe("managedidentity");
        settings.ShouldNotContainKey("AzureWebJobsStorage");
        foreach (var name in HostSettings.AppMustAlsoRead)
        {
            settings.ShouldContainKey(name);
        }
    }

    [Fact]
    public async Task MainTemplate_SettingNames_AreValidOnLinux()
    {
        var names = AppSettings.Written(await BicepCli.BuildAsync("main.bicep")).Select(s => s.Name).ToList();

        // App Service on Linux accepts only letters, digits, '_' and '.' in setting names: a provider, model or
        // tenant key with '-' (e.g. Pipeline__Pricing__gpt-4o-mini__InputPer1K) cannot be configured there.
        names.ShouldAllBe(n => n.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.'));
        names.Count.ShouldBe(names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Find_SettingsOfTheOldTemplate_AreNotRead()
    {
        // The custom-handler template wrote Ai__* while the app reads Pipeline:Providers:*: the check must catch that.
        AppConfiguration.Find("Ai__AzureOpenAI__Endpoint").ShouldBeNull();
        AppConfiguration.Find("Ai__Inference__ApiKey").ShouldBeNull();
        AppConfiguration.Find("Pipeline__Providers__inference__Endpoint")!.LeafType.ShouldBe(typeof(Uri));
        AppConfiguration.Find("pipeline__steps__embed__confidentialmodel")!.LeafType.ShouldBe(typeof(string));
        AppConfiguration.Find("Pipeline__Limits__TenantDailyTokensByTenant__tenant-a").ShouldNotBeNull();
        AppConfiguration.Find("Pipeline__Steps__Translate__Provider").ShouldBeNull();
    }

    [Fact]
    public void OptionsTypes_FromTheAppsCode_CoverEverySection()
    {
        AppConfiguration.OptionsTypes.Select(o => o.Section).ShouldBe(["App", "Erp", "Erp:Outbound", "Pipeline", "Pipeline:Search", "Pipeline:Workflow"], ignoreOrder: true);
    }

    [Fact]
    public void Validate_StepNamingAnUnknownProvider_FailsWithTheAppsMessage()
    {
        (string, string)[] settings =
        [
            ("Pipeline__Providers__inference__Kind", "Inference"),
            ("Pipeline__Providers__inference__Endpoint", "[parameters('inferenceEndpoint')]"),
            ("Pipeline__Steps__Summarize__Provider", "azureopenai"),
            ("Erp__Outbound__Channel", "ServiceBus"),
        ];

        var errors = AppConfiguration.Validate(settings);

        errors.ShouldContain(e => e.Contains("Pipeline:Steps:Summarize:Provider names 'azureopenai'", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("Erp:Outbound:ServiceBus:FullyQualifiedNamespace", StringComparison.Ordinal));
    }

    [Fact]
    public void Required_ProviderWithoutEndpoint_IsReported()
    {
        var required = AppConfiguration.Required(["Pipeline__Providers__inference__Kind"]).ToList();

        required.ShouldContain("Pipeline__Providers__inference__Endpoint");
    }
}
