using System.Diagnostics;

namespace Serverless.Testing;

/// <summary>
/// The function app as a real child process (local host mode) from its build output, on a free port,
/// ready once /healthz answers. <see cref="Kill"/> sends SIGKILL (no graceful shutdown).
/// </summary>
public sealed class FunctionAppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly OutputTail _output = new();

    private FunctionAppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => _output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => _output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>The app's process id (for resource measurements).</summary>
    public int ProcessId => _process.Id;

    public string RecentOutput => _output.ToString();

    public static string AppPath()
    {
        var preferred = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return new[] { preferred, preferred == "Release" ? "Debug" : "Release" }
            .Select(c => RepositoryRoot.Combine("functions", "Serverless.LocalHost", "bin", c, "net10.0", "Serverless.LocalHost.dll"))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The function app is not built: run `dotnet build functions/Serverless.LocalHost` first.");
    }

    public static async Task<FunctionAppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{AzuriteFixture.FreePort()}/");
        var process = Process.Start(Info(settings, "--urls", baseAddress.ToString().TrimEnd('/')))
            ?? throw new InvalidOperationException("The function app did not start.");
        var app = new FunctionAppProcess(process, baseAddress);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync(new Uri(baseAddress, "healthz"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        var output = app.RecentOutput;
        await app.DisposeAsync();
        throw new InvalidOperationException($"The function app did not become healthy:\n{output}");
    }

    /// <summary>Runs the app's admin command <c>create-api-key</c> and returns the key.</summary>
    public static async Task<string> CreateApiKeyAsync(IReadOnlyDictionary<string, string> settings, string tenant, CancellationToken cancellationToken)
    {
        var info = Info(settings, "create-api-key", "--tenant", tenant, "--name", "e2e");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The admin command did not start.");
        var stdout = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var key = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith("sk_", StringComparison.Ordinal));
        return process.ExitCode == 0 && key is not null ? key : throw new InvalidOperationException($"create-api-key failed ({process.ExitCode}): {stderr}");
    }

    /// <summary>SIGKILL: the process dies at whatever instruction it is on.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo Info(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(AppPath())!,
        };
        info.ArgumentList.Add(AppPath());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return info;
    }
}
