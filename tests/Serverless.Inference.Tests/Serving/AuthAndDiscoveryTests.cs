using System.Net;
using System.Net.Http.Headers;
using Serverless.Inference.Tests.Support;
using Shouldly;

namespace Serverless.Inference.Tests.Serving;

[Trait("Category", "Integration")]
public sealed class AuthAndDiscoveryTests(SharedInferenceApp app)
{
    [Fact]
    public async Task V1_WithoutKeyOrWithWrongKey_Is401_WithApiKeyOrBearer_Is200()
    {
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };
        var body = new { text = "One sentence. Another sentence." };

        using var none = await OcrClient.PostJsonAsync(anonymous, "v1/summarize", body);
        anonymous.DefaultRequestHeaders.Add("api-key", "wrong");
        using var wrong = await OcrClient.PostJsonAsync(anonymous, "v1/summarize", body);
        anonymous.DefaultRequestHeaders.Remove("api-key");
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SharedInferenceApp.Key);
        using var bearer = await OcrClient.PostJsonAsync(anonymous, "v1/summarize", body);
        using var keyed = app.CreateClient();
        using var apiKey = await OcrClient.PostJsonAsync(keyed, "v1/summarize", body);

        none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        none.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        bearer.StatusCode.ShouldBe(HttpStatusCode.OK);
        apiKey.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("healthz")]
    [InlineData("readyz")]
    [InlineData("openapi/v1.json")]
    public async Task OpenEndpoints_NeedNoKey(string path)
    {
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };

        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Readyz_ReportsBothEnginesReady()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var json = await OcrClient.JsonAsync(response);

        json.RootElement.GetProperty("status").GetString().ShouldBe("Ready");
        json.RootElement.GetProperty("checks").GetProperty("tesseract").GetString().ShouldBe("ready");
        json.RootElement.GetProperty("checks").GetProperty("paddle-onnx").GetString().ShouldBe("ready");
        json.RootElement.GetProperty("checks").GetProperty("snowflake-arctic-embed-xs").GetString().ShouldBe("ready", "the embedding model is loaded before the app reports ready");
    }

    [Fact]
    public async Task OpenApi_DocumentsEveryEndpoint()
    {
        using var client = app.CreateClient();

        var document = await client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);

        foreach (var path in new[] { "/v1/ocr", "/v1/embeddings", "/v1/summarize", "/v1/classify", "/v1/request-keys/{key}", "/readyz" })
        {
            document.ShouldContain($"\"{path}\"");
        }
    }
}
