using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Support;

/// <summary>
/// One isolated deployment for a test: unique task hub, containers, queues and tables on the shared
/// Azurite, the real inference app, and the function app as a child process that can be killed and
/// started again on the same storage. Talks to the app through its HTTP API with a tenant API key.
/// </summary>
public sealed class PipelineEnvironment : IAsyncDisposable
{
    public const string Tenant = "acme";
    private static readonly TimeSpan WorkflowTimeout = TimeSpan.FromSeconds(150);
    private readonly AzuriteFixture _azurite;
    private readonly InferenceAppFixture _inference;
    private FunctionAppProcess? _app;
    private HttpClient? _client;

    private PipelineEnvironment(AzuriteFixture azurite, InferenceAppFixture inference, Dictionary<string, string> settings)
    {
        _azurite = azurite;
        _inference = inference;
        Settings = settings;
    }

    public Dictionary<string, string> Settings { get; }

    public string ApiKey { get; private set; } = "";

    public FunctionAppProcess App => _app ?? throw new InvalidOperationException("The app is not running.");

    public HttpClient Client => _client ?? throw new InvalidOperationException("The app is not running.");

    public string IncomingContainer => Settings["App:IncomingContainer"];

    public string ResultsContainer => Settings["Pipeline:Workflow:ResultsContainer"];

    /// <summary>The ERP test source (<see cref="ErpSource"/>, mapped to <see cref="Tenant"/>) reads its documents from <c>{this}/{tenant}/…</c>.</summary>
    public string ErpContainer => Settings["Erp:Sources:test:Container"];

    public const string ErpSource = "/erp/test";

    public static async Task<PipelineEnvironment> StartAsync(
        AzuriteFixture azurite, InferenceAppFixture inference, Action<Dictionary<string, string>>? configure, CancellationToken cancellationToken)
    {
        var settings = LocalPipelineSettings.Create(azurite.ConnectionString, inference.BaseAddress);
        settings["Erp:Sources:test:Source"] = ErpSource;
        settings["Erp:Sources:test:Tenant"] = Tenant;
        settings["Erp:Sources:test:Container"] = TestNames.Unique("erpdocs");
        configure?.Invoke(settings);
        var environment = new PipelineEnvironment(azurite, inference, settings);
        environment.ApiKey = await FunctionAppProcess.CreateApiKeyAsync(settings, Tenant, cancellationToken);
        await environment.StartAppAsync(cancellationToken);
        return environment;
    }

    /// <summary>Starts (or starts again, after <see cref="FunctionAppProcess.Kill"/>) the function app on the same storage.</summary>
    public async Task StartAppAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _client?.Dispose();
        }

        _app = await FunctionAppProcess.StartAsync(Settings, cancellationToken);
        _client = new HttpClient { BaseAddress = _app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _client.DefaultRequestHeaders.Add("x-api-key", ApiKey);
    }

    /// <summary>POST /api/v1/workflows with a file; returns the status code and the body.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> UploadAsync(
        byte[] content, string fileName, string? instanceId, CancellationToken cancellationToken, params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (instanceId is not null)
        {
            form.Add(new StringContent(instanceId), "instanceId");
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        using var response = await Client.PostAsync(new Uri("api/v1/workflows", UriKind.Relative), form, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    /// <summary>Polls the status API until the workflow is terminal (200) and returns the status.</summary>
    public async Task<JsonObject> WaitAsync(string instanceId, CancellationToken cancellationToken) =>
        await PollAsync(instanceId, s => s is not null, cancellationToken, terminalOnly: true);

    /// <summary>Polls the status API until <paramref name="condition"/> holds for the status (running or not).</summary>
    public async Task<JsonObject> PollAsync(string instanceId, Func<JsonObject?, bool> condition, CancellationToken cancellationToken, bool terminalOnly = false)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(WorkflowTimeout);
        JsonObject? last = null;
        try
        {
            while (true)
            {
                using var response = await Client.GetAsync(new Uri($"api/v1/workflows/{Uri.EscapeDataString(instanceId)}", UriKind.Relative), timeout.Token);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted)
                {
                    last = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token))!.AsObject();
                    if ((!terminalOnly || response.StatusCode == HttpStatusCode.OK) && condition(last))
                    {
                        return last;
                    }
                }

                await Task.Delay(250, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Workflow {instanceId} did not get there in {WorkflowTimeout}; last status: {last?.ToJsonString()}\napp output:\n{App.RecentOutput}");
        }
    }

    /// <summary>Billed calls the inference app counted for a request key (0 when it never saw the key).</summary>
    public async Task<int> InferenceCallsAsync(string requestKey, CancellationToken cancellationToken)
    {
        using var http = _inference.CreateClient();
        using var response = await http.GetAsync(new Uri(_inference.BaseAddress, $"v1/request-keys/{Uri.EscapeDataString(requestKey)}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return 0;
        }

        response.EnsureSuccessStatusCode();
        return (int)JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!["count"]!;
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public static string InstanceId(string localId) => $"{Tenant}~{localId}";

    public AzuriteFixture Azurite => _azurite;
}
