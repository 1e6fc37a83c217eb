using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Serverless.Testing;

/// <summary>
/// A real Azurite for integration tests. The test command starts one Azurite for the whole run and
/// passes its connection string in <c>AzureWebJobsStorage</c>; when that is absent (a test started
/// from an IDE), this fixture starts its own on free ports with the same flags as scripts/azurite.sh,
/// and stops it when the tests end. Tests isolate themselves with <see cref="TestNames.Unique"/>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The environment variable the test command sets (the Functions convention).</summary>
    public const string ConnectionVariable = "AzureWebJobsStorage";

    // The well-known development account key: public, documented by Microsoft, not a secret.
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _azurite;
    private string? _location;

    public string ConnectionString { get; private set; } = "";

    /// <summary>True when this fixture started Azurite itself.</summary>
    public bool OwnsProcess => _azurite is not null;

    /// <summary>The Azurite process this fixture started (null when it uses <c>AzureWebJobsStorage</c>): the engine bench reads its CPU time.</summary>
    public int? ProcessId => _azurite?.Id;

    public BlobServiceClient Blobs() => new(ConnectionString);

    public QueueServiceClient Queues() => new(ConnectionString);

    public TableServiceClient Tables() => new(ConnectionString);

    /// <summary>A connection string for the development account on the given ports.</summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevAccountKey +
        $";BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1" +
        $";QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1" +
        $";TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    /// <summary>A TCP port on 127.0.0.1 that nothing listened on a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            ConnectionString = given;
            return;
        }

        var bin = RepositoryRoot.Combine("node_modules", ".bin", "azurite");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"Azurite not found at {bin}: run scripts/setup.sh, or set {ConnectionVariable}.");
        }

        int blob = FreePort(), queue = FreePort(), table = FreePort();
        _location = Directory.CreateTempSubdirectory("serverless-azurite-").FullName;
        var start = new ProcessStartInfo(bin)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--location", _location,
                "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
            },
        };
        _azurite = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        ConnectionString = ConnectionStringFor(blob, queue, table);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var port in new[] { blob, queue, table })
        {
            await WaitForPortAsync(port, cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is { HasExited: false })
        {
            _azurite.Kill(entireProcessTree: true);
            await _azurite.WaitForExitAsync();
        }

        _azurite?.Dispose();
        if (_location is not null && Directory.Exists(_location))
        {
            Directory.Delete(_location, recursive: true);
        }
    }

    private async Task WaitForPortAsync(int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_azurite is { HasExited: true })
            {
                throw new InvalidOperationException($"Azurite exited with code {_azurite.ExitCode}: {await _azurite.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }
}
