using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Serverless.Inference.Tests.Support;

internal static class OcrClient
{
    public static MultipartFormDataContent Form(byte[] file, string fileName, string? engine = null)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", fileName);
        if (engine is not null)
        {
            form.Add(new StringContent(engine), "engine");
        }

        return form;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] file, string fileName, string? engine = null, string? requestKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/ocr") { Content = Form(file, fileName, engine) };
        if (requestKey is not null)
        {
            request.Headers.Add("x-request-key", requestKey);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonDocument> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    public static Task<HttpResponseMessage> PostJsonAsync<T>(HttpClient client, string path, T body) =>
        client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
}
