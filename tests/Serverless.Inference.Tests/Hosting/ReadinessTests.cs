using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Serverless.Inference.Ocr;
using Shouldly;

namespace Serverless.Inference.Tests.Hosting;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Prepare_TesseractMissing_ReportsThePathAndTheSetting()
    {
        var engine = new TesseractEngine(Options.Create(new OcrOptions { TesseractPath = "/nonexistent/tesseract" }));

        var problem = await engine.PrepareAsync(TestContext.Current.CancellationToken);

        problem.ShouldNotBeNull();
        problem.ShouldContain("/nonexistent/tesseract");
        problem.ShouldContain("Inference:Ocr:TesseractPath");
    }

    [Fact]
    public async Task Prepare_ModelFolderMissing_ReportsTheSettingAndTheFix()
    {
        using var engine = new PaddleOnnxEngine(Options.Create(new OcrOptions { PaddleModelDirectory = "/nonexistent/models" }), new HostingEnvironment { ContentRootPath = "/tmp" });

        var problem = await engine.PrepareAsync(TestContext.Current.CancellationToken);

        problem.ShouldNotBeNull();
        problem.ShouldContain("Inference:Ocr:PaddleModelDirectory");
        problem.ShouldContain("npm ci");
    }

    [Fact]
    public async Task Prepare_Tesseract_ListsInstalledLanguagesAndRefusesOthers()
    {
        var engine = new TesseractEngine(Options.Create(new OcrOptions()));

        (await engine.PrepareAsync(TestContext.Current.CancellationToken)).ShouldBeNull();

        Should.NotThrow(() => engine.ValidateLanguage("eng"));
        Should.Throw<Serverless.Inference.Serving.ProblemException>(() => engine.ValidateLanguage("klingon")).Status.ShouldBe(400);
        Should.Throw<Serverless.Inference.Serving.ProblemException>(() => engine.ValidateLanguage("eng; rm -rf /")).Status.ShouldBe(400);
    }
}
