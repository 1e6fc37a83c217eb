using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Serverless.Functions.CustomHandler;

/// <summary>
/// The HTTP API as one httpTrigger function (route <c>v1/{*path}</c>, function keys). host.json sets
/// <c>enableForwardingHttpRequest</c>, so the host forwards the original request to the same path
/// (<c>/api/v1/…</c>) and the API endpoints answer it directly. Should the host send the request
/// payload instead (forwarding off), this maps <c>Data.req</c> onto the same endpoints and answers
/// with the <c>res</c> output binding.
/// </summary>
internal sealed class HttpApi(IHttpClientFactory clients, IServer server) : IFunction
{
    public const string SelfClientName = "custom-handler-self";
    public const string TriggerName = "req";
    public const string OutputName = "res";
    public const string Route = "v1/{*path}";

    private static readonly HashSet<string> SkippedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection",
    };

    public static JsonArray Bindings(AppOptions options) =>
    [
        CustomHandlerExtensions.Binding("httpTrigger", "in", TriggerName,
            ("authLevel", "function"),
            ("methods", new JsonArray("get", "post", "delete")),
            ("route", Route)),
        CustomHandlerExtensions.Binding("http", "out", OutputName),
    ];

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        if (request.Data?[TriggerName] is not JsonObject req)
        {
            throw new InvalidOperationException($"The invocation has no '{TriggerName}' object.");
        }

        var url = new Uri((string?)req["Url"] ?? throw new InvalidOperationException("req.Url is missing."), UriKind.Absolute);
        using var message = new HttpRequestMessage(new HttpMethod((string?)req["Method"] ?? "GET"), url.PathAndQuery);
        var body = req["Body"] is JsonValue b && b.TryGetValue<string>(out var text) ? text : req["Body"]?.ToJsonString();
        if (body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        }

        if (req["Headers"] is JsonObject headers)
        {
            foreach (var (name, values) in headers)
            {
                if (SkippedHeaders.Contains(name))
                {
                    continue;
                }

                var list = values is JsonArray array ? array.Select(v => (string?)v ?? "").ToList() : [(string?)values ?? ""];
                if (!message.Headers.TryAddWithoutValidation(name, list))
                {
                    message.Content ??= new ByteArrayContent([]);
                    message.Content.Headers.TryAddWithoutValidation(name, list);
                }
            }
        }

        using var client = clients.CreateClient(SelfClientName);
        client.BaseAddress ??= OwnAddress();
        using var response = await client.SendAsync(message, cancellationToken);
        var responseHeaders = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            responseHeaders[name] = string.Join(", ", values);
        }

        var res = new JsonObject
        {
            ["statusCode"] = (int)response.StatusCode,
            ["headers"] = responseHeaders,
            ["body"] = await response.Content.ReadAsStringAsync(cancellationToken),
        };
        return new InvocationResponse(new JsonObject { [OutputName] = res }, [], null);
    }

    private Uri OwnAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address to send the mapped request to.");
        return new Uri(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
    }
}
