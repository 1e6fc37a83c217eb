using System.Net;
using Serverless.Inference.Tests.Support;
using Shouldly;

namespace Serverless.Inference.Tests.Serving;

[Trait("Category", "Integration")]
public sealed class RequestKeyTests(SharedInferenceApp app)
{
    [Fact]
    public async Task RequestKey_CountsSuccessfulCallsPerEndpoint_AndAttemptsSeparately()
    {
        using var client = app.CreateClient();
        var key = "doc-" + Guid.CreateVersion7().ToString("N");

        for (var i = 0; i < 3; i++)
        {
            using var ok = await SendAsync(client, "v1/summarize", key, """{"text":"A sentence. Another one."}""");
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var embedded = await SendAsync(client, "v1/embeddings", key, """{"input":"hello"}"""))
        {
            embedded.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var rejected = await SendAsync(client, "v1/summarize", key, """{"text":""}"""))
        {
            rejected.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using var response = await client.GetAsync(new Uri($"v1/request-keys/{key}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var json = await OcrClient.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        json.RootElement.GetProperty("key").GetString().ShouldBe(key);
        json.RootElement.GetProperty("count").GetInt32().ShouldBe(4);
        json.RootElement.GetProperty("attempts").GetInt32().ShouldBe(5);
        json.RootElement.GetProperty("byEndpoint").GetProperty("summarize").GetInt32().ShouldBe(3);
        json.RootElement.GetProperty("byEndpoint").GetProperty("embeddings").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task RequestKeyList_WithoutAdminKey_Is403AndListsNothing_WithAdminKey_ListsTheKey()
    {
        using var client = app.CreateClient();
        var key = "doc-" + Guid.CreateVersion7().ToString("N");
        using (var ok = await SendAsync(client, "v1/embeddings", key, """{"input":"hello"}"""))
        {
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var anonymous = await client.GetAsync(new Uri("v1/request-keys", UriKind.Relative), TestContext.Current.CancellationToken);
        var anonymousBody = await anonymous.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "v1/request-keys");
        wrong.Headers.Add("x-admin-key", "not-the-admin-key");
        using var wrongAnswer = await client.SendAsync(wrong, TestContext.Current.CancellationToken);
        using var admin = new HttpRequestMessage(HttpMethod.Get, "v1/request-keys");
        admin.Headers.Add("x-admin-key", SharedInferenceApp.AdminKey);
        using var adminAnswer = await client.SendAsync(admin, TestContext.Current.CancellationToken);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        anonymousBody.ShouldNotContain(key);
        wrongAnswer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        adminAnswer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await adminAnswer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain(key);
    }

    [Fact]
    public async Task RequestKey_Unknown_Is404Problem()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("v1/request-keys/never-seen", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-request-key", key);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
