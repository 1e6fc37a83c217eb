using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Serverless.EndToEnd.Tests.Support;

/// <summary>
/// A provider endpoint on 127.0.0.1 that forwards to the inference app, or, while <see cref="Failing"/>, refuses
/// every call with 400 (a permanent provider error: the step fails without retries). Lets a test fail a step and
/// then let its retry through.
/// </summary>
public sealed class SwitchableProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };
    private volatile bool _failing;
    private int _refused;
    private int _forwarded;

    private SwitchableProxy(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public int Refused => Volatile.Read(ref _refused);

    public int Forwarded => Volatile.Read(ref _forwarded);

    public static async Task<SwitchableProxy> StartAsync(Uri target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new SwitchableProxy(app);
        app.Map("/{**path}", (HttpContext context) => proxy.HandleAsync(context, target));
        await app.StartAsync();
        proxy.BaseAddress = new Uri(app.Urls.First() + "/");
        return proxy;
    }

    private async Task HandleAsync(HttpContext context, Uri target)
    {
        if (_failing)
        {
            Interlocked.Increment(ref _refused);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"error":{"code":"invalid_request","message":"refused by the test's switch"}}""");
            return;
        }

        Interlocked.Increment(ref _forwarded);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(target, context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString));
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (!name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) && name is not ("Host" or "Transfer-Encoding" or "Connection"))
            {
                request.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (name is not ("Transfer-Encoding" or "Connection"))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _http.Dispose();
    }
}
