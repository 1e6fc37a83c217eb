using System.Net;
using Serverless.Inference.Tests.Support;
using Shouldly;

namespace Serverless.Inference.Tests.Ocr;

[Trait("Category", "Integration")]
public sealed class HostileInputTests(SharedInferenceApp app)
{
    public static TheoryData<string, string, int, string> Cases() => new()
    {
        { "bomb", "bomb.png", 413, "too-many-pixels" },
        { "encrypted-pdf", "locked.pdf", 422, "encrypted-pdf" },
        { "truncated-pdf", "half.pdf", 422, "invalid-pdf" },
        { "truncated-png", "half.png", 422, "unreadable-image" },
        { "truncated-tiff", "half.tif", 422, "unreadable-image" },
        { "executable", "photo.png", 415, "unsupported-media-type" },
        { "text", "notes.pdf", 415, "unsupported-media-type" },
        { "empty", "empty.png", 400, "empty-file" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Ocr_HostileFile_AnswersProblemDetailsAndKeepsServing(string kind, string fileName, int status, string problemType)
    {
        var docs = await TestDocuments.GetAsync();
        var file = kind switch
        {
            "bomb" => HostileFiles.DecompressionBombPng(),
            "encrypted-pdf" => HostileFiles.EncryptedPdf(),
            "truncated-pdf" => HostileFiles.Truncated(docs.TextPdf),
            "truncated-png" => HostileFiles.Truncated(docs.Pngs[0]),
            "truncated-tiff" => HostileFiles.Truncated(docs.MultiPageTiff(), 0.3),
            "executable" => HostileFiles.ExecutableNamedPng(),
            "text" => "just some text, not a PDF"u8.ToArray(),
            _ => [],
        };
        using var client = app.CreateClient();

        using var response = await OcrClient.PostAsync(client, file, fileName);
        using var problem = await OcrClient.JsonAsync(response);

        ((int)response.StatusCode).ShouldBe(status, app.RecentOutput);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem.RootElement.GetProperty("type").GetString()!.ShouldEndWith("/" + problemType);
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(status);
        problem.RootElement.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        using var ready = await client.GetAsync(new Uri("readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ocr_NotMultipart_Is400()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync(new Uri("v1/ocr", UriKind.Relative), new ByteArrayContent([1, 2, 3]), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Ocr_AfterHostileFiles_StillReadsAGoodPage()
    {
        var docs = await TestDocuments.GetAsync();
        using var client = app.CreateClient();
        foreach (var bad in new[] { HostileFiles.DecompressionBombPng(), HostileFiles.Truncated(docs.Pngs[0]), HostileFiles.EncryptedPdf() })
        {
            using var rejected = await OcrClient.PostAsync(client, bad, "bad.bin");
            ((int)rejected.StatusCode).ShouldBeInRange(400, 499);
        }

        using var response = await OcrClient.PostAsync(client, docs.Pngs[0], "page.png");
        using var json = await OcrClient.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestDocuments.WordAccuracy(docs.Words(0), json.RootElement.GetProperty("pages")[0].GetProperty("text").GetString()!).ShouldBeGreaterThanOrEqualTo(0.95);
    }
}
