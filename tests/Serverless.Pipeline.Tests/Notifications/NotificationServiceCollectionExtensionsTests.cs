using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Notifications;
using Serverless.Pipeline.Workflow;
using Shouldly;

namespace Serverless.Pipeline.Tests.Notifications;

/// <summary>Erp:Outbound:Channel chooses the completion channel; a Service Bus channel without a namespace fails at start naming the setting.</summary>
public sealed class NotificationServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddErpCompletions_NoSettings_UsesTheStorageQueue()
    {
        await using var services = Build([]);

        services.GetRequiredService<ICompletionPublisher>().ShouldBeOfType<RecordedCompletionPublisher>().Channel.ShouldBeOfType<StorageQueueCompletionPublisher>();
        services.GetServices<IWorkflowNotifier>().ShouldContain(n => n is ErpCompletionNotifier);
    }

    [Fact]
    public async Task AddErpCompletions_ServiceBusWithNamespace_SendsToTheTopicWithTheIdentity()
    {
        await using var services = Build(new()
        {
            ["Erp:Outbound:Channel"] = "ServiceBus",
            ["Erp:Outbound:ServiceBus:FullyQualifiedNamespace"] = "sdai-dev-sb.servicebus.windows.net",
            ["Erp:Outbound:ServiceBus:TopicName"] = "erp-completions-test",
        });

        services.GetRequiredService<ICompletionPublisher>().ShouldBeOfType<RecordedCompletionPublisher>().Channel.ShouldBeOfType<ServiceBusCompletionPublisher>();
        var sender = services.GetRequiredService<ServiceBusSender>();
        sender.FullyQualifiedNamespace.ShouldBe("sdai-dev-sb.servicebus.windows.net");
        sender.EntityPath.ShouldBe("erp-completions-test");
    }

    [Fact]
    public async Task AddErpCompletions_ServiceBusWithDevelopmentConnectionString_UsesIt()
    {
        await using var services = Build(new()
        {
            ["Erp:Outbound:Channel"] = "servicebus",
            ["Erp:Outbound:ServiceBus:ConnectionString"] = "Endpoint=sb://localhost/;SharedAccessKeyName=dev;SharedAccessKey=not-a-secret;UseDevelopmentEmulator=true",
        });

        services.GetRequiredService<ServiceBusSender>().FullyQualifiedNamespace.ShouldBe("localhost");
        services.GetRequiredService<ServiceBusSender>().EntityPath.ShouldBe("erp-completions");
    }

    [Fact]
    public async Task AddErpCompletions_ServiceBusWithoutNamespace_FailsNamingTheSetting()
    {
        await using var services = Build(new() { ["Erp:Outbound:Channel"] = "ServiceBus" });

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<ErpOutboundOptions>>().Value);

        error.Message.ShouldContain("Erp:Outbound:ServiceBus:FullyQualifiedNamespace");
    }

    [Fact]
    public async Task AddErpCompletions_NamespaceGivenAsUrl_FailsNamingTheSetting()
    {
        await using var services = Build(new()
        {
            ["Erp:Outbound:Channel"] = "ServiceBus",
            ["Erp:Outbound:ServiceBus:FullyQualifiedNamespace"] = "https://sdai-dev-sb.servicebus.windows.net:443/",
        });

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<ErpOutboundOptions>>().Value);

        error.Message.ShouldContain("no scheme, no port");
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddErpCompletions(configuration, _ => new QueueServiceClient("UseDevelopmentStorage=true"), _ => new TableServiceClient("UseDevelopmentStorage=true"));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
