using Microsoft.Extensions.Hosting;
using Serverless.Durable;

// A worker process for the crash test: `dotnet Serverless.Durable.CrashWorker.dll <connection> <hub>`.
// The test SIGKILLs it at random moments and starts it again.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Services.AddDurableTask(
    o =>
    {
        o.ConnectionString = args[0];
        o.TaskHubName = args[1];
        o.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
        o.OrchestrationVisibilityTimeout = TimeSpan.FromSeconds(2);
        o.ActivityVisibilityTimeout = TimeSpan.FromSeconds(4);
        o.MaxDequeueCount = 50;
    },
    Serverless.Durable.CrashWorker.CrashWorkflows.Register);
using var host = builder.Build();
await host.RunAsync();
