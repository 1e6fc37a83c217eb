using System.Diagnostics;
using System.Net;
using Serverless.Inference.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Inference.Tests.Serving;

[Trait("Category", "Integration")]
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Faults_Enabled_Answer429Or503WithRetryHintsAfterAddedLatency_AndBillNothing()
    {
        await using var app = await InferenceAppFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Inference:Ocr:PaddleEnabled"] = "false",
            ["Inference:Faults:Enabled"] = "true",
            ["Inference:TestHooks:RequestKeys"] = "true",
            ["Inference:Faults:TooManyRequestsRate"] = "0.5",
            ["Inference:Faults:UnavailableRate"] = "0.5",
            ["Inference:Faults:RetryAfterMilliseconds"] = "1500",
            ["Inference:Faults:AddedLatencyMilliseconds"] = "100",
            ["Inference:Faults:Seed"] = "7",
        });
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 12; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/embeddings") { Content = JsonContent("""{"input":"hello"}""") };
            request.Headers.Add("x-request-key", "faulty");
            var watch = Stopwatch.StartNew();
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(95));
            statuses.Add(response.StatusCode);
            response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(2));
            response.Headers.GetValues("retry-after-ms").Single().ShouldBe("1500");
        }

        using var counted = await client.GetAsync(new Uri("v1/request-keys/faulty", UriKind.Relative), TestContext.Current.CancellationToken);
        using var json = await OcrClient.JsonAsync(counted);

        statuses.ShouldContain(HttpStatusCode.TooManyRequests);
        statuses.ShouldContain(HttpStatusCode.ServiceUnavailable);
        statuses.ShouldAllBe(s => s == HttpStatusCode.TooManyRequests || s == HttpStatusCode.ServiceUnavailable);
        json.RootElement.GetProperty("attempts").GetInt32().ShouldBe(12);
        json.RootElement.GetProperty("count").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task TestHooks_ByDefault_AreOff_NoFaultsNoKeyCountsNoKeyList()
    {
        await using var app = await InferenceAppFixture.StartAsync(new Dictionary<string, string?> { ["Inference:Ocr:PaddleEnabled"] = "false" });
        using var client = app.CreateClient();
        var key = "doc-" + Guid.CreateVersion7().ToString("N");

        for (var i = 0; i < 10; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/embeddings") { Content = JsonContent("""{"input":"hello"}""") };
            request.Headers.Add("x-request-key", key);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var one = await client.GetAsync(new Uri($"v1/request-keys/{key}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var list = await client.GetAsync(new Uri("v1/request-keys", UriKind.Relative), TestContext.Current.CancellationToken);
        one.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        list.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain(key);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
