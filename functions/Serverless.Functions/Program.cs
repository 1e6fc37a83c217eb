using Serverless.Functions.Health;
using Serverless.Functions.Hosting;
using Serverless.Functions.Storage;

var builder = WebApplication.CreateSlimBuilder(args);

builder.ConfigureServerlessHost();
builder.Services.AddServerlessStorage(builder.Configuration);
builder.Services.AddServerlessHealth();

var app = builder.Build();

app.UseServerlessErrors();
app.MapServerlessHealth();

await app.RunAsync();

/// <summary>Entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
