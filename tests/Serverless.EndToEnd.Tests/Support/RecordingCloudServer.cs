using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Serverless.EndToEnd.Tests.Support;

/// <summary>
/// A recording endpoint on 127.0.0.1. As a stand-in for a cloud AI provider it refuses every call with
/// 400, so a workflow that reaches it fails fast (and the recording proves it was reached); as a
/// callback receiver (<c>status</c> 200) it keeps each call's Idempotency-Key.
/// </summary>
public sealed class RecordingCloudServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private RecordingCloudServer(WebApplication app) => _app = app;

    public int Calls => Volatile.Read(ref _calls);

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public System.Collections.Concurrent.ConcurrentQueue<string> IdempotencyKeys { get; } = new();

    public static async Task<RecordingCloudServer> StartAsync(int status = 400)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new RecordingCloudServer(app);
        app.Map("/{**path}", (HttpContext context) =>
        {
            Interlocked.Increment(ref server._calls);
            server.IdempotencyKeys.Enqueue(context.Request.Headers["Idempotency-Key"].ToString());
            return status == 200 ? Results.Ok() : Results.Problem(statusCode: status, title: "recording stub", detail: "This endpoint only records calls.");
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First() + "/");
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
