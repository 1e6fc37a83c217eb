using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Extraction;
using Serverless.Pipeline.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Pipeline.Tests.Ai;

/// <summary>OCR and text calls to one provider have separate lanes: a text document's steps never wait behind scans (issue 13).</summary>
[Trait("Category", "Integration")]
public sealed class ProviderLaneTests
{
    private const string Provider = "inference";

    [Fact]
    public async Task TextCall_WhileTheOcrLaneIsSaturated_CompletesBeforeTheWaitingScans()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var inference = await InferenceAppFixture.StartAsync(new Dictionary<string, string?> { ["Inference:Ocr:PaddleEnabled"] = "false" });
        await using var services = TestPipeline.Build(LocalPipelineSettings.InferenceProvider(inference.BaseAddress, maxConcurrency: 1, maxOcrConcurrency: 1));
        var lanes = services.GetRequiredService<ProviderConcurrency>();
        var ocr = services.GetRequiredService<IOcrClient>();
        var scan = await File.ReadAllBytesAsync(RepositoryRoot.Combine("samples", "invoice-scanned.pdf"), ct);

        var scans = Enumerable.Range(0, 4).Select(_ => ocr.RecognizeAsync(scan, DocumentKind.Pdf, new OcrSettings("eng", "tesseract"), ct)).ToList();
        await WaitUntilAsync(() => lanes.Usage(Provider, AiLane.Ocr) is { InFlight: 1, Waiting: >= 2 }, ct);
        var summary = await services.GetRequiredService<AiStepFactory>().Summarizer(false)
            .SummarizeAsync("The harbour office confirms the delivery of copper fittings. The invoice is due in thirty days. Payment goes to the northern bank.", ct);
        var ocrWhenTextDone = lanes.Usage(Provider, AiLane.Ocr);
        var pages = await Task.WhenAll(scans);

        summary.Summary.ShouldNotBeNullOrWhiteSpace();
        ocrWhenTextDone.Waiting.ShouldBeGreaterThanOrEqualTo(1, "the text call finished while scans still waited for the OCR lane: it did not queue behind them");
        pages.ShouldAllBe(p => p.Single().Text.Contains("Invoice", StringComparison.OrdinalIgnoreCase));
        lanes.Usage(Provider, AiLane.Ocr).ShouldBe((0, 0));
        lanes.Usage(Provider, AiLane.Text).ShouldBe((0, 0));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
