using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Serverless.EndToEnd.Tests.Support;

/// <summary>
/// A stand-in for a cloud AI provider on 127.0.0.1: it records every call it receives and refuses it
/// with 400, so a workflow that reaches it fails fast (and the recording proves it was reached).
/// </summary>
public sealed class RecordingCloudServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private RecordingCloudServer(WebApplication app) => _app = app;

    public int Calls => Volatile.Read(ref _calls);

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public static async Task<RecordingCloudServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new RecordingCloudServer(app);
        app.Map("/{**path}", (HttpContext _) =>
        {
            Interlocked.Increment(ref server._calls);
            return Results.Problem(statusCode: 400, title: "recording stub", detail: "This endpoint only records calls.");
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First() + "/");
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
