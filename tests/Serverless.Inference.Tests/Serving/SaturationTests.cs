using System.Net;
using System.Net.Http.Headers;
using Serverless.Inference.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Inference.Tests.Serving;

[Trait("Category", "Integration")]
public sealed class SaturationTests
{
    private const string Boundary = "held-boundary";

    private static readonly Dictionary<string, string?> OneAtATime = new()
    {
        ["Inference:Ocr:PaddleEnabled"] = "false",
        ["Inference:TestHooks:RequestKeys"] = "true",
        ["Inference:Concurrency:Ocr:PermitLimit"] = "1",
        ["Inference:Concurrency:Ocr:QueueLimit"] = "0",
        ["Inference:Concurrency:Ocr:RetryAfterSeconds"] = "3",
    };

    [Fact]
    public async Task Ocr_PermitHeldAndNoQueue_NextCallIs429WithRetryAfter_OtherEndpointsStillServe()
    {
        await using var app = await InferenceAppFixture.StartAsync(OneAtATime);
        using var holder = app.CreateClient();
        using var client = app.CreateClient();

        var (held, holding, rejected) = await HoldThePermitAsync(holder, client);
        using (rejected)
        {
            using var summarized = await OcrClient.PostJsonAsync(client, "v1/summarize", new { text = "Still served. Another gate." });
            held.Release();
            using var heldResponse = await holding;
            using var afterwards = await ProbeAsync(client, TestContext.Current.CancellationToken);

            rejected.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            rejected.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(3));
            rejected.Headers.GetValues("retry-after-ms").Single().ShouldBe("3000");
            rejected.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await rejected.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("saturated");
            summarized.StatusCode.ShouldBe(HttpStatusCode.OK);
            heldResponse.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType, "the held call is served once its body arrives");
            afterwards.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType, "the permit is free again");
        }
    }

    /// <summary>
    /// Starts an OCR call whose body stalls, so that it holds the only permit: once the app has
    /// counted its request key as received, no other OCR call competes with it for the permit, so
    /// the next probe must be refused.
    /// </summary>
    private static async Task<(HeldContent Held, Task<HttpResponseMessage> Holding, HttpResponseMessage Rejected)> HoldThePermitAsync(HttpClient holder, HttpClient client)
    {
        var key = "held-" + Guid.CreateVersion7().ToString("N");
        var held = new HeldContent(
            System.Text.Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\nContent-Type: application/octet-stream\r\n\r\nnot a document"),
            System.Text.Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n"));
        held.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/ocr") { Content = held };
        request.Headers.Add("x-request-key", key);
        var holding = holder.SendAsync(request, TestContext.Current.CancellationToken);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var seen = await client.GetAsync(new Uri($"v1/request-keys/{key}", UriKind.Relative), cts.Token);
            if (seen.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            await Task.Delay(10, cts.Token);
        }

        return (held, holding, await ProbeAsync(client, cts.Token));
    }

    private static Task<HttpResponseMessage> ProbeAsync(HttpClient client, CancellationToken cancellationToken) =>
        client.PostAsync(new Uri("v1/ocr", UriKind.Relative), OcrClient.Form("plain text"u8.ToArray(), "probe.txt"), cancellationToken);
}
