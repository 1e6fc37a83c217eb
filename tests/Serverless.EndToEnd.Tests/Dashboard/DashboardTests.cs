using System.Security.Cryptography;
using System.Text;
using Microsoft.Playwright;
using Serverless.EndToEnd.Tests.Support;
using Serverless.Testing;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Serverless.EndToEnd.Tests.Dashboard;

/// <summary>
/// The operator dashboard in a real browser (Debian's Chromium through Playwright) against the real app: Azurite,
/// the inference app, the local host. An operator signs in with an API key, uploads a document and watches it,
/// decides a review, finds a failure, sees what a retry will bill, retries it, sees the usage change and searches.
/// Screenshots of every page go to <c>.artifacts/test-results/screenshots/</c>.
/// </summary>
public sealed class DashboardTests(AzuriteFixture azurite, SharedInferenceApp inference)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    static DashboardTests() => SetDefaultExpectTimeout(90_000);

    [Fact]
    public async Task Operator_UploadsReviewsRetriesAFailureAndSeesUsageAndSearch()
    {
        await using var flaky = await SwitchableProxy.StartAsync(inference.BaseAddress);
        await using var env = await PipelineEnvironment.StartAsync(azurite, inference, s =>
        {
            // Every label goes to a human (the model is never fully sure), and a review waits long enough for the test.
            s["Pipeline:ReviewConfidenceThreshold"] = "1";
            s["Pipeline:Workflow:ReviewTimeout"] = "01:00:00";
            // Summaries go through a switch the test can turn to "refuse" (a permanent provider error).
            s["Pipeline:Providers:flaky:Kind"] = "Inference";
            s["Pipeline:Providers:flaky:Endpoint"] = flaky.BaseAddress.ToString();
            s["Pipeline:Steps:Summarize:Provider"] = "flaky";
            s["App:MonitorInstanceUrl"] = "http://localhost:7072/hub/orchestrations/{instanceId}";
        }, Ct);
        await using var browser = await DashboardBrowser.LaunchAsync(env.App.BaseAddress);
        var page = browser.Page;

        // Sign in: a wrong key is refused on the page, the tenant's key opens the documents.
        await page.GotoAsync("dashboard/");
        await page.GetByTestId("api-key").FillAsync("not-a-key");
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync("refused");
        await browser.ScreenshotAsync("01-sign-in");
        await page.GetByTestId("api-key").FillAsync(env.ApiKey);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("documents")).ToBeVisibleAsync();

        // Upload and watch: the list refreshes itself until the document waits for its review.
        var notes = Encoding.UTF8.GetBytes(
            "Notes from the facilities meeting of 12 November. We went through the cleaning contract, the open invoice for the "
            + "window repairs and the quarterly energy report. Action: ask the landlord about the heating schedule before winter.");
        var notesId = PipelineEnvironment.InstanceId(Sha(notes));
        await UploadAsync(page, "facilities-notes.txt", notes);
        var notesRow = page.Locator($"[data-testid=document-row][data-instance-id='{notesId}']");
        await Expect(notesRow.GetByTestId("status")).ToHaveTextAsync("Waiting for review");
        await Expect(notesRow).ToContainTextAsync("http");
        await browser.ScreenshotAsync("02-documents");

        // Review: the queue lists it with the model's label; the decision completes the workflow with the human's label.
        await page.Locator("nav a[data-page=review]").ClickAsync();
        var item = page.Locator($"[data-testid=review-item][data-instance-id='{notesId}']");
        await Expect(item).ToBeVisibleAsync();
        await Expect(page.Locator("#review-count")).ToHaveTextAsync("1");
        await item.GetByTestId("review-label").SelectOptionAsync("report");
        await item.GetByTestId("review-reviewer").FillAsync("Playwright");
        await browser.ScreenshotAsync("03-review");
        await item.GetByTestId("review-submit").ClickAsync();
        await Expect(page.GetByTestId("review-empty")).ToBeVisibleAsync();

        // The document: label decided in review, a timeline of billed steps, the extracted text, the monitor link.
        await page.GotoAsync($"dashboard/#/documents/{Uri.EscapeDataString(notesId)}");
        await Expect(page.GetByTestId("document-label")).ToHaveTextAsync("report");
        await Expect(page.GetByTestId("status").First).ToHaveTextAsync("Completed");
        await Expect(page.GetByTestId("rationale")).ToContainTextAsync("Playwright");
        await Expect(page.Locator("[data-testid=timeline-row][data-step=classify] [data-testid=billed]")).ToHaveTextAsync("billed");
        await Expect(page.Locator("[data-testid=timeline-row][data-step=summarize]")).ToContainTextAsync("flaky / serverless-textrank-v1");
        await Expect(page.GetByTestId("monitor-link")).ToHaveAttributeAsync("href", $"http://localhost:7072/hub/orchestrations/{Uri.EscapeDataString(notesId)}");
        await page.GetByTestId("show-text").ClickAsync();
        await Expect(page.GetByTestId("document-text")).ToContainTextAsync("heating schedule");
        await browser.ScreenshotAsync("04-document");
        await page.GetByTestId("show-trace").ClickAsync();
        var spans = page.GetByTestId("trace-span");
        await Expect(spans.Filter(new() { HasText = "orchestration:DocumentPipeline" }).First).ToBeVisibleAsync();
        await Expect(spans.Filter(new() { HasText = "activity:ClassifyActivity" }).First).ToBeVisibleAsync();
        await Expect(spans.Filter(new() { HasText = "POST → 127.0.0.1:" }).First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("04b-trace", page.GetByTestId("document-trace"));

        // Usage before the failure: one workflow, with a cost.
        await page.Locator("nav a[data-page=usage]").ClickAsync();
        await Expect(page.GetByTestId("usage-workflows")).ToHaveTextAsync("1");
        var costBefore = Money(await page.GetByTestId("usage-cost").TextContentAsync());
        costBefore.ShouldBeGreaterThan(0m);

        // A failure: summaries refused. The workflow fails with the provider's reason; the filters find it.
        flaky.Failing = true;
        var letter = Encoding.UTF8.GetBytes(
            "Dear Mr. Okafor, thank you for your call on Monday about the delayed delivery of the standing desks. We have spoken "
            + "to the carrier and the desks will now arrive on 3 December. We apologise for the inconvenience. Kind regards, Office Services");
        var letterId = PipelineEnvironment.InstanceId(Sha(letter));
        await page.Locator("nav a[data-page=documents]").ClickAsync();
        await UploadAsync(page, "delivery-letter.txt", letter);
        var letterRow = page.Locator($"[data-testid=document-row][data-instance-id='{letterId}']");
        await Expect(letterRow.GetByTestId("status")).ToHaveTextAsync("Failed");
        await page.GetByTestId("filter-status").SelectOptionAsync("Failed");
        await page.GetByTestId("filter-apply").ClickAsync();
        await Expect(page.GetByTestId("document-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("document-row")).ToHaveAttributeAsync("data-instance-id", letterId);
        await page.GetByTestId("filter-status").SelectOptionAsync("");
        await page.GetByTestId("filter-label").SelectOptionAsync("report");
        await page.GetByTestId("filter-apply").ClickAsync();
        await Expect(page.GetByTestId("document-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("document-row")).ToHaveAttributeAsync("data-instance-id", notesId);

        // A rejected upload (not a document) is refused with its reason and listed with the failures.
        await page.GetByTestId("upload-file").SetInputFilesAsync(new FilePayload { Name = "random.bin", MimeType = "application/octet-stream", Buffer = [0x00, 0x01, 0xfe, 0xff, 0x10, 0x80, 0x00, 0x7f] });
        await page.GetByTestId("upload-submit").ClickAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync("not a supported document");

        // Failures: the reason, and the bill of a retry before it runs (finished steps come from the cache).
        await page.Locator("nav a[data-page=failures]").ClickAsync();
        var failure = page.Locator($"[data-testid=failure-row][data-instance-id='{letterId}']");
        await Expect(failure).ToContainTextAsync("400");
        await Expect(page.GetByTestId("rejection-row")).ToContainTextAsync("random.bin");
        await failure.GetByTestId("select-failure").CheckAsync();
        await page.GetByTestId("estimate-retry").ClickAsync();
        var estimate = page.GetByTestId("estimate-row");
        await Expect(estimate).ToContainTextAsync("classify");
        await Expect(estimate.Locator("td").Nth(1)).ToContainTextAsync("extract");
        await Expect(estimate.Locator("td").Nth(2)).ToContainTextAsync("summarize");
        await Expect(estimate.Locator("td").Nth(2)).Not.ToContainTextAsync("classify");
        await Expect(page.GetByTestId("estimate-total")).ToContainTextAsync("Estimated bill: $");
        await browser.ScreenshotAsync("05-failures-retry-estimate");

        // Retry with the provider back: the workflow runs again under its id, reaches review, and completes.
        flaky.Failing = false;
        await page.GetByTestId("confirm-retry").ClickAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync("Restarted 1 workflow");
        await page.GotoAsync($"dashboard/#/documents/{Uri.EscapeDataString(letterId)}");
        var form = page.GetByTestId("review-form");
        await Expect(form).ToBeVisibleAsync();
        await Expect(page.GetByTestId("summary")).ToBeVisibleAsync(); // read from the history while the review waits
        await form.GetByTestId("review-label").SelectOptionAsync("letter");
        await form.GetByTestId("review-submit").ClickAsync();
        await Expect(page.GetByTestId("document-label")).ToHaveTextAsync("letter");
        await Expect(page.GetByTestId("status").First).ToHaveTextAsync("Completed");
        await Expect(page.Locator("[data-testid=timeline-row][data-step=classify] [data-testid=billed]")).ToHaveTextAsync("cached");
        (await env.InferenceCallsAsync($"{letterId}:classify", Ct)).ShouldBe(1, "the retry must not bill the classification again");
        flaky.Refused.ShouldBeGreaterThan(0);

        // Usage after: the failed run's bill is kept, the retried run adds to it.
        await page.Locator("nav a[data-page=usage]").ClickAsync();
        await Expect(page.GetByTestId("usage-workflows")).ToHaveTextAsync("3");
        Money(await page.GetByTestId("usage-cost").TextContentAsync()).ShouldBeGreaterThan(costBefore);
        await Expect(page.Locator("[data-testid=usage-svg] rect[data-model]").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("06-usage");

        // Search: a paraphrase finds the letter, linked to its document.
        await page.Locator("nav a[data-page=search]").ClickAsync();
        await page.GetByTestId("search-query").FillAsync("when will the desks be delivered");
        await page.GetByTestId("search-submit").ClickAsync();
        var first = page.GetByTestId("search-hit").First;
        await Expect(first.Locator("a")).ToHaveAttributeAsync("href", $"#/documents/{Uri.EscapeDataString(letterId)}");
        await browser.ScreenshotAsync("07-search");

        browser.Errors.ShouldBeEmpty();
    }

    private static async Task UploadAsync(IPage page, string name, byte[] content)
    {
        await page.GetByTestId("upload-file").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/plain", Buffer = content });
        await page.GetByTestId("upload-submit").ClickAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync("Started");
    }

    private static decimal Money(string? text) =>
        decimal.Parse((text ?? "").Trim().TrimStart('$'), System.Globalization.CultureInfo.InvariantCulture);

    private static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
