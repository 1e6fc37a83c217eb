using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Serverless.Functions.CustomHandler;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Functions.Tests.CustomHandler;

/// <summary>
/// The app as the Functions host starts it: a separate process with FUNCTIONS_CUSTOMHANDLER_PORT
/// and the arguments host.json gives (<c>--mode functions</c>). It must listen on that port well
/// within the host's 60 s and answer a documented payload over real HTTP.
/// </summary>
public sealed class FunctionsHostProcessTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StartedLikeTheHost_ListensOnCustomHandlerPortQuickly_AndServesPayloads()
    {
        var names = AppNames.Unique();
        var port = AzuriteFixture.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Serverless.Functions.dll"), "--mode", "functions" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["App__IncomingContainer"] = names.Incoming,
                ["App__UploadsContainer"] = names.Uploads,
                ["App__BlobEventsQueue"] = names.Events,
                ["App__BlobReceiptsTable"] = names.Receipts,
                ["App__ApiKeysTable"] = names.Keys,
                ["App__TaskHub"] = names.TaskHub,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        try
        {
            await WaitUntilListeningAsync(port, process);
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "the Functions host gives a custom handler 60 s (this machine is shared)");
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

            var payload = JsonNode.Parse(TestData.Read("queue-trigger-request.json"))!;
            payload["Data"] = new JsonObject { [IncomingBlobEvent.TriggerName] = """{"eventType":"Microsoft.Storage.BlobDeleted","subject":"/x"}""" };
            using var response = await client.PostAsync(
                new Uri("/" + nameof(IncomingBlobEvent), UriKind.Relative),
                new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
                TestContext.Current.CancellationToken);

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
            body["Logs"].ShouldBeOfType<JsonArray>();
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until the port accepts connections: what the Functions host waits for.</summary>
    private static async Task WaitUntilListeningAsync(int port, Process process)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("The app exited: " + await process.StandardError.ReadToEndAsync(cts.Token));
            }

            try
            {
                using var socket = new System.Net.Sockets.TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, port, cts.Token);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cts.Token);
        }
    }
}
