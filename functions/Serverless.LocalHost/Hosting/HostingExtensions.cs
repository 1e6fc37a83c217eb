using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Serverless.App;
using Serverless.App.Health;
using Serverless.App.Security;
using Serverless.App.Storage;
using Serverless.LocalHost.Engine;
using Serverless.LocalHost.Ingestion;

namespace Serverless.LocalHost.Hosting;

internal static class HostingExtensions
{
    /// <summary>The address of the local host when nothing else is configured.</summary>
    public const string DefaultLocalUrl = "http://127.0.0.1:7071";

    /// <summary>
    /// The local host: the app on Kestrel (the configured URLs, else the local default), the Functions triggers'
    /// semantics provided here (blob watcher or Event Grid queue, ERP queue listener), and the Durable Task engine in process.
    /// </summary>
    public static WebApplicationBuilder AddServerlessLocalHost(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultLocalUrl);
        }

        // The engine logs every poll and lease at Information: keep its warnings and errors.
        builder.Logging.AddFilter("DurableTask", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.DurableTask", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);

        var services = builder.Services;
        services.AddProblemDetails();
        services.AddServerlessTelemetry(builder.Configuration);
        services.AddServerlessStorage(builder.Configuration);
        services.AddServerlessHealth();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<AppOptions>>((k, app) =>
            k.Limits.MaxRequestBodySize = app.Value.MaxRequestBodyBytes);

        // The engine first: its hosted service starts before the worker and the listeners that start workflows.
        services.AddLocalDurableEngine(builder.Configuration, Path.Combine(AppContext.BaseDirectory, "host.json"));
        services.AddServerlessApp(builder.Configuration);
        services.AddSingleton<BlobWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<BlobWatcher>());
        services.AddSingleton<EventGridIngestionService>();
        services.AddHostedService(sp => sp.GetRequiredService<EventGridIngestionService>());
        services.AddSingleton<ErpIngestionService>();
        services.AddHostedService(sp => sp.GetRequiredService<ErpIngestionService>());
        services.AddHostedService<HousekeepingService>();
        return builder;
    }

    /// <summary>Every error leaves as RFC 7807 problem details, never with a stack trace; then the API's routes.</summary>
    public static WebApplication MapServerlessLocalHost(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapServerlessHealth();
        app.UseServerlessSecurity();
        app.MapServerlessApp();
        return app;
    }
}
