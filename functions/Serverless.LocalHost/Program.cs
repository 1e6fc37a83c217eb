using Serverless.LocalHost;
using Serverless.LocalHost.Hosting;

var command = AdminCommands.IsCommand(args) ? args : null;
var builder = WebApplication.CreateSlimBuilder(command is null ? args : []);
builder.AddServerlessLocalHost();

var app = builder.Build();
if (command is not null)
{
    return await AdminCommands.RunAsync(app, command);
}

app.MapServerlessLocalHost();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
