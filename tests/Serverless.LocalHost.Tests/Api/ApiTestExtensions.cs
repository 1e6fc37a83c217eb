using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Shouldly;

namespace Serverless.LocalHost.Tests.Api;

internal static class ApiTestExtensions
{
    public static async Task<HttpResponseMessage> UploadAsync(
        this HttpClient client, byte[] content, string fileName, IDictionary<string, string>? fields = null, string? idempotencyKey = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/workflows") { Content = form };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PostEmptyAsync(this HttpClient client, string path) =>
        client.PostAsync(new Uri(path, UriKind.Relative), null, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> GetPathAsync(this HttpClient client, string path) =>
        client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

    /// <summary>Asserts an RFC 7807 problem with the status and returns its body.</summary>
    public static async Task<JsonNode> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = JsonNode.Parse(text)!;
        ((int?)body["status"]).ShouldBe((int)status);
        text.ShouldNotContain("   at ");
        return body;
    }

    public static string StatusPath(string instanceId) => "/api/v1/workflows/" + Uri.EscapeDataString(instanceId);

    /// <summary>Polls the status endpoint until the workflow reaches one of <paramref name="statuses"/>.</summary>
    public static async Task<JsonNode> WaitForStatusAsync(this HttpClient client, string instanceId, params string[] statuses)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await client.GetAsync(new Uri(StatusPath(instanceId), UriKind.Relative), cts.Token);
            var body = await response.JsonAsync();
            if (statuses.Contains((string?)body["runtimeStatus"]))
            {
                return body;
            }

            await Task.Delay(100, cts.Token);
        }
    }
}
