using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Workflow;

namespace Serverless.Pipeline.Notifications;

/// <summary>Registers the ERP completion channel chosen by <c>Erp:Outbound:Channel</c>.</summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ErpOutboundOptions"/> (validated at start), registers <see cref="ErpCompletionNotifier"/> as an
    /// <see cref="IWorkflowNotifier"/> and the <see cref="ICompletionPublisher"/> of the configured channel. The host
    /// passes its own queue client (identity or connection string, as it configured it) for the Storage queue channel;
    /// the Service Bus client is created only when that channel is chosen. Every channel is wrapped in a
    /// <see cref="RecordedCompletionPublisher"/> whose <see cref="CompletionLedger"/> lives in the host's tables.
    /// </summary>
    public static IServiceCollection AddErpCompletions(
        this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, QueueServiceClient> storageQueues, Func<IServiceProvider, TableServiceClient> storageTables)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(storageQueues);
        ArgumentNullException.ThrowIfNull(storageTables);
        services.AddOptions<ErpOutboundOptions>()
            .Bind(configuration.GetSection(ErpOutboundOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ErpOutboundOptions>, ErpOutboundOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp =>
        {
            var bus = sp.GetRequiredService<IOptions<ErpOutboundOptions>>().Value.ServiceBus;
            return string.IsNullOrWhiteSpace(bus.ConnectionString)
                ? new ServiceBusClient(bus.FullyQualifiedNamespace, new DefaultAzureCredential())
                : new ServiceBusClient(bus.ConnectionString);
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<ServiceBusClient>()
            .CreateSender(sp.GetRequiredService<IOptions<ErpOutboundOptions>>().Value.ServiceBus.TopicName));
        services.TryAddSingleton(sp => new CompletionLedger(
            storageTables(sp).GetTableClient(sp.GetRequiredService<IOptions<ErpOutboundOptions>>().Value.CompletionsTable), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ICompletionPublisher>(sp => new RecordedCompletionPublisher(
            sp.GetRequiredService<IOptions<ErpOutboundOptions>>().Value.Channel switch
            {
                CompletionChannel.ServiceBus => new ServiceBusCompletionPublisher(sp.GetRequiredService<ServiceBusSender>()),
                _ => new StorageQueueCompletionPublisher(storageQueues(sp)),
            },
            sp.GetRequiredService<CompletionLedger>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowNotifier, ErpCompletionNotifier>());
        return services;
    }
}
