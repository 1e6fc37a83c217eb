using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Serverless.Cli;

/// <summary>The HTTP API v1 as the CLI uses it: every call presents the API key, every failure becomes an <see cref="ApiException"/>.</summary>
internal sealed class ApiClient(HttpClient http) : IDisposable
{
    public static ApiClient Create(Uri baseAddress, string apiKey, HttpMessageHandler? handler = null)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = new Uri(baseAddress.ToString().TrimEnd('/') + "/");
        http.Timeout = TimeSpan.FromMinutes(2);
        http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        return new ApiClient(http);
    }

    public async Task<JsonObject> UploadAsync(string path, string? instanceId, bool confidential, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        await using var stream = File.OpenRead(path);
        var file = new StreamContent(stream);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", Path.GetFileName(path));
        if (instanceId is not null)
        {
            form.Add(new StringContent(instanceId), "instanceId");
        }

        if (confidential)
        {
            form.Add(new StringContent("true"), "confidential");
        }

        return (await SendAsync(HttpMethod.Post, "api/v1/workflows", form, cancellationToken))!.AsObject();
    }

    public async Task<JsonObject> StatusAsync(string instanceId, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, $"api/v1/workflows/{Uri.EscapeDataString(instanceId)}", null, cancellationToken))!.AsObject();

    public async Task<JsonArray> ListAsync(string? runtimeStatus, DateTimeOffset? createdFrom, int top, CancellationToken cancellationToken)
    {
        var query = new StringBuilder($"api/v1/workflows?top={top}&showInput=false");
        if (runtimeStatus is not null)
        {
            query.Append("&runtimeStatus=").Append(Uri.EscapeDataString(runtimeStatus));
        }

        if (createdFrom is { } from)
        {
            query.Append("&createdTimeFrom=").Append(Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture)));
        }

        return (await SendAsync(HttpMethod.Get, query.ToString(), null, cancellationToken))!.AsArray();
    }

    public Task RaiseEventAsync(string instanceId, string eventName, JsonObject payload, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/v1/workflows/{Uri.EscapeDataString(instanceId)}/raiseEvent/{Uri.EscapeDataString(eventName)}",
            new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);

    public async Task<JsonNode?> RestartAsync(string instanceId, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, $"api/v1/workflows/{Uri.EscapeDataString(instanceId)}/restart", null, cancellationToken);

    public async Task<JsonNode> GetAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, pathAndQuery, null, cancellationToken) ?? new JsonObject();

    public void Dispose() => http.Dispose();

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException(null, $"The API at {http.BaseAddress} could not be reached: {e.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var body = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
                ? JsonNode.Parse(text)
                : null;
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            var problem = body is JsonObject o ? $"{(string?)o["title"]}{(o["detail"] is { } d ? ": " + (string?)d : "")}" : response.ReasonPhrase;
            var hint = response.StatusCode == HttpStatusCode.Unauthorized ? " (check --api-key / SERVERLESS_API_KEY)" : "";
            throw new ApiException(response.StatusCode, $"{method} {path} answered {(int)response.StatusCode}: {problem}{hint}");
        }
    }
}
