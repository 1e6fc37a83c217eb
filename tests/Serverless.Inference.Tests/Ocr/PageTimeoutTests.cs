using System.Net;
using System.Runtime.Versioning;
using Serverless.Inference.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Inference.Tests.Ocr;

[Trait("Category", "Integration")]
[SupportedOSPlatform("linux")]
public sealed class PageTimeoutTests
{
    [Fact]
    public async Task Ocr_EngineHangs_PageTimeoutAnswers422AndTheAppKeepsServing()
    {
        var folder = Directory.CreateTempSubdirectory("inference-hang-").FullName;
        try
        {
            // A tesseract that lists its languages, then hangs on every page.
            var hanging = Path.Combine(folder, "tesseract");
            await File.WriteAllTextAsync(hanging, "#!/bin/sh\nif [ \"$1\" = \"--list-langs\" ]; then echo 'List of available languages'; echo eng; exit 0; fi\nexec sleep 60\n", TestContext.Current.CancellationToken);
            File.SetUnixFileMode(hanging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await using var app = await InferenceAppFixture.StartAsync(new Dictionary<string, string?>
            {
                ["Inference:Ocr:PaddleEnabled"] = "false",
                ["Inference:Ocr:TesseractPath"] = hanging,
                ["Inference:Ocr:PageTimeoutSeconds"] = "1",
            });
            using var client = app.CreateClient();
            var docs = await TestDocuments.GetAsync();

            using var response = await OcrClient.PostAsync(client, docs.Pngs[0], "page.png");
            using var problem = await OcrClient.JsonAsync(response);
            using var summary = await OcrClient.PostJsonAsync(client, "v1/summarize", new { text = "Still here. Serving." });

            response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            problem.RootElement.GetProperty("type").GetString()!.ShouldEndWith("/page-timeout");
            problem.RootElement.GetProperty("detail").GetString()!.ShouldContain("PageTimeoutSeconds");
            summary.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
