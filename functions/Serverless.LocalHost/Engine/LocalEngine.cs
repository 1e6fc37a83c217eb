using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Options;
using Serverless.App.Storage;

namespace Serverless.LocalHost.Engine;

/// <summary>
/// The Durable Task engine of the local host: DurableTask.AzureStorage (the engine Durable Functions runs on Azure
/// Storage) behind the Durable Task gRPC sidecar (<see cref="TaskHubGrpcServer"/>), served on a Unix socket of this
/// process. The SDK's gRPC worker and client (<see cref="Channel"/>) connect to it as they connect to the Functions host.
/// </summary>
internal sealed partial class LocalEngine : IHostedService, IAsyncDisposable
{
    private const int MaxMessageBytes = 16 * 1024 * 1024;

    private readonly string _socketPath = Path.Combine(Path.GetTempPath(), $"serverless-engine-{Environment.ProcessId}-{Guid.CreateVersion7():N}.sock");
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private WebApplication? _sidecar;

    public LocalEngine(IOptions<DurableEngineOptions> options, IOptions<StorageOptions> storage, ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<LocalEngine>();
        Options = options.Value;
        Service = new AzureStorageOrchestrationService(Settings(Options, storage.Value, loggerFactory));
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectCallback = ConnectAsync, EnableMultipleHttp2Connections = true },
            MaxReceiveMessageSize = MaxMessageBytes,
            MaxSendMessageSize = MaxMessageBytes,
        });
    }

    public DurableEngineOptions Options { get; }

    /// <summary>The engine itself (history, queues, partitions in the task hub).</summary>
    public AzureStorageOrchestrationService Service { get; }

    /// <summary>The channel the SDK's worker and client use.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>True between a successful start and the start of shutdown.</summary>
    public bool IsServing { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The sidecar never creates the task hub's queues, tables and containers.
        await Service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggerFactory);
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(_socketPath, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = MaxMessageBytes;
            o.MaxSendMessageSize = MaxMessageBytes;
        });
        builder.Services.AddSingleton<IOrchestrationService>(new StopSafeOrchestrationService(Service));
        builder.Services.AddSingleton<IOrchestrationServiceClient>(Service);
        builder.Services.Configure<TaskHubGrpcServerOptions>(o => o.Mode = TaskHubGrpcServerMode.ApiServerAndDispatcher);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        _sidecar = builder.Build();
        _sidecar.MapGrpcService<TaskHubGrpcServer>();
        await _sidecar.StartAsync(cancellationToken);
        IsServing = true;
        Log.Started(_logger, Options.HubName, Options.StorageProvider.PartitionCount);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        IsServing = false;
        if (_sidecar is { } sidecar)
        {
            // Stopping the sidecar stops the dispatchers, which abandon what they hold: it goes back to the queues.
            await sidecar.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (_sidecar is { } sidecar)
        {
            await sidecar.DisposeAsync();
        }

        File.Delete(_socketPath);
    }

    internal static AzureStorageOrchestrationServiceSettings Settings(DurableEngineOptions options, StorageOptions storage, ILoggerFactory loggerFactory)
    {
        var provider = options.StorageProvider;
        return new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.HubName,
            StorageAccountClientProvider = storage.UsesConnectionString
                ? new StorageAccountClientProvider(storage.ConnectionString)
                : new StorageAccountClientProvider(storage.BlobEndpoint(), storage.QueueEndpoint(), storage.TableEndpoint(), StorageClients.CreateCredential(storage)),
            PartitionCount = provider.PartitionCount,
            MaxQueuePollingInterval = provider.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = provider.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = provider.WorkItemQueueVisibilityTimeout,
            UseLegacyPartitionManagement = provider.UseLegacyPartitionManagement,
            UseTablePartitionManagement = provider.UseTablePartitionManagement && !provider.UseLegacyPartitionManagement,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions,
            LoggerFactory = loggerFactory,
        };
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Durable Task engine started: DurableTask.AzureStorage, task hub {HubName}, {PartitionCount} partitions")]
        public static partial void Started(ILogger logger, string hubName, int partitionCount);
    }
}
