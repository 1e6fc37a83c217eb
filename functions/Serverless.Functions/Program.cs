using Serverless.Functions;
using Serverless.Functions.Health;
using Serverless.Functions.Hosting;
using Serverless.Functions.Storage;

var command = AdminCommands.IsCommand(args) ? args : null;
var builder = WebApplication.CreateSlimBuilder(command is null ? args : []);

builder.ConfigureServerlessHost();
builder.Services.AddServerlessStorage(builder.Configuration);
builder.Services.AddServerlessHealth();
builder.Services.AddServerlessApp(builder.Configuration);

var app = builder.Build();
if (command is not null)
{
    return await AdminCommands.RunAsync(app, command);
}

app.UseServerlessErrors();
app.MapServerlessHealth();
app.MapServerlessApp();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
