using Serverless.Inference.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);
if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:8080");
}

builder.AddInference();

var app = builder.Build();
app.MapInference();
await app.RunAsync();
