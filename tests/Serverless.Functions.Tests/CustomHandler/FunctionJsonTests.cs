using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.CustomHandler;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Functions.Tests.CustomHandler;

public sealed class FunctionJsonTests
{
    private static readonly FunctionCatalog Catalog = CreateCatalog();

    [Fact]
    public void FunctionFolders_MatchTheCode()
    {
        var folders = RepositoryRoot.Combine(FunctionCatalog.FoldersPath.Split('/'));
        var generated = Catalog.FunctionJson(new AppOptions());

        Directory.GetDirectories(folders).Select(Path.GetFileName).Order().ShouldBe(generated.Keys.Order(),
            "Regenerate with: dotnet functions/Serverless.Functions/bin/Debug/net10.0/Serverless.Functions.dll write-function-json " + FunctionCatalog.FoldersPath);
        foreach (var (name, json) in generated)
        {
            File.ReadAllText(Path.Combine(folders, name, "function.json")).ShouldBe(json, $"{name}/function.json is stale");
        }
    }

    [Fact]
    public void HostJson_ForwardsHttp_RunsTheHandlerInFunctionsMode_SameQueueSemanticsAsLocalMode()
    {
        var host = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")))!;

        ((bool?)host["customHandler"]!["enableForwardingHttpRequest"]).ShouldBe(true);
        host["customHandler"]!["description"]!["arguments"]!.AsArray().Select(a => (string?)a).ShouldBe(["--mode", "functions"]);
        ((string?)host["extensions"]!["http"]!["routePrefix"]).ShouldBe("api");
        var queues = host["extensions"]!["queues"]!;
        ((int?)queues["maxDequeueCount"]).ShouldBe(new AppOptions().MaxDequeueCount);
        ((int?)queues["batchSize"]).ShouldBe(new AppOptions().BatchSize);
        TimeSpan.Parse((string)queues["visibilityTimeout"]!, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(new AppOptions().RetryDelay);
        TimeSpan.Parse((string)queues["maxPollingInterval"]!, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(new AppOptions().MaxPollingInterval);
    }

    [Fact]
    public void HttpApi_OnlyHttpBindings_SoTheHostCanForwardTheRequest()
    {
        var bindings = HttpApi.Bindings(new AppOptions());

        bindings.Select(b => (string?)b!["type"]).ShouldBe(["httpTrigger", "http"]);
        ((string?)bindings[0]!["authLevel"]).ShouldBe("function");
    }

    private static FunctionCatalog CreateCatalog()
    {
        var services = new ServiceCollection();
        services.AddCustomHandler();
        return services.BuildServiceProvider().GetRequiredService<FunctionCatalog>();
    }
}
