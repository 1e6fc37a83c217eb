using Microsoft.Playwright;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Dashboard;

/// <summary>
/// Debian's Chromium driven by Playwright (which cannot download its own browsers here), headless, one page on the
/// dashboard of a running app. Keeps the page's script errors and failed requests so that a test can assert there
/// were none, and writes screenshots to <c>.artifacts/test-results/screenshots/</c>.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    /// <summary>Where Debian installs Chromium (package <c>chromium</c>); <c>SERVERLESS_CHROMIUM</c> overrides it.</summary>
    public static readonly string ExecutablePath = Environment.GetEnvironmentVariable("SERVERLESS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static readonly string ScreenshotFolder = RepositoryRoot.Combine(".artifacts", "test-results", "screenshots");

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.PageError += (_, error) => Errors.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            // A refused request (401, 415…) is the page's to report, and it does; script errors are what count here.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Errors.Add("console error: " + message.Text);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>The screenshots taken, in order.</summary>
    public List<string> Screenshots { get; } = [];

    /// <summary>Script errors and console errors the page reported.</summary>
    public List<string> Errors { get; } = [];

    public static async Task<DashboardBrowser> LaunchAsync(Uri app)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath}: run scripts/setup.sh (apt-get install chromium) or set SERVERLESS_CHROMIUM.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ToString(),
            ViewportSize = new ViewportSize { Width = 1360, Height = 900 },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        return new DashboardBrowser(playwright, browser, page);
    }

    /// <summary>A full-page screenshot named <paramref name="name"/>.png in <see cref="ScreenshotFolder"/>; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await HideToastAsync();
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.AddAttachment(name, path);
        Screenshots.Add(path);
        return path;
    }

    /// <summary>A screenshot of one element (e.g. the trace table) named <paramref name="name"/>.png; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name, ILocator element)
    {
        ArgumentNullException.ThrowIfNull(element);
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await HideToastAsync();
        await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        TestContext.Current.AddAttachment(name, path);
        Screenshots.Add(path);
        return path;
    }

    /// <summary>The notice in the corner would cover part of a screenshot: hidden first (assertions on it come before).</summary>
    private async Task HideToastAsync() => await Page.EvalOnSelectorAsync("#toast", "e => { e.hidden = true; }");

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
