using System.Diagnostics;
using System.Net;

namespace Serverless.Testing;

/// <summary>
/// The real inference app (inference/Serverless.Inference), started from its build output as a
/// child process on a free port on 127.0.0.1, ready once <c>/readyz</c> answers 200, stopped when
/// the tests end. Configuration overrides are <c>Inference:...</c> keys (passed as environment
/// variables); use it as a class or assembly fixture, or create one with <see cref="StartAsync"/>.
/// Build the app before the tests (the solution build does; a test project can reference it).
/// </summary>
public class InferenceAppFixture : IAsyncLifetime
{
    /// <summary>How long the app may take to become ready (it loads the OCR models at start).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, string?> _settings;
    private readonly OutputTail _output = new();
    private Process? _process;

    public InferenceAppFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    public InferenceAppFixture(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = new Dictionary<string, string?>(settings);
    }

    /// <summary>The app's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The API key the app was started with (setting <c>Inference:ApiKey</c>), if any.</summary>
    public string? ApiKey => _settings.GetValueOrDefault("Inference:ApiKey");

    /// <summary>The app's process id (for resource measurements).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The app is not started.");

    /// <summary>The last lines the app wrote to stdout and stderr (for failure messages).</summary>
    public string RecentOutput => _output.ToString();

    /// <summary>Starts an app with the given settings; dispose it to stop it.</summary>
    public static async Task<InferenceAppFixture> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var app = new InferenceAppFixture(settings);
        try
        {
            await app.InitializeAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The path of the built app; the build configuration of the calling tests is preferred.</summary>
    public static string AppPath()
    {
        var preferred = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var candidates = new[] { preferred, preferred == "Release" ? "Debug" : "Release" }
            .Select(c => RepositoryRoot.Combine("inference", "Serverless.Inference", "bin", c, "net10.0", "Serverless.Inference.dll"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The inference app is not built: run `dotnet build inference/Serverless.Inference` (or the solution) first.");
    }

    /// <summary>An HttpClient for the app, sending the API key when one is configured.</summary>
    public HttpClient CreateClient(TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(120) };
        if (!string.IsNullOrEmpty(ApiKey))
        {
            client.DefaultRequestHeaders.Add("api-key", ApiKey);
        }

        return client;
    }

    public async ValueTask InitializeAsync()
    {
        var dll = AppPath();
        var port = AzuriteFixture.FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}" },
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("The inference app did not start.");
        _process.OutputDataReceived += (_, e) => _output.Add(e.Data);
        _process.ErrorDataReceived += (_, e) => _output.Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var cts = new CancellationTokenSource(StartTimeout);
        var last = "no answer";
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The inference app exited with code {_process.ExitCode}:\n{RecentOutput}");
            }

            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"The inference app was not ready within {StartTimeout} ({last}):\n{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative), cts.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"/readyz {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cts.Token)}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }

            try
            {
                await Task.Delay(100, cts.Token);
            }
            catch (OperationCanceledException)
            {
                // The loop reports the timeout with the last answer.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}
