using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Serverless.App.Ingestion;
using Serverless.App.Storage;
using Serverless.App.Workflows;
using Serverless.App.Security;

using Serverless.App;

namespace Serverless.LocalHost;

/// <summary>
/// One-shot commands of the same executable (they use the app's configuration and storage, start no server):
/// <c>create-api-key --tenant T [--admin] [--name N]</c> prints a new key once;
/// <c>drop FILE --tenant T</c> uploads a file into <c>incoming/{tenant}/</c> (a blob drop) and prints the workflow id it will get.
/// </summary>
internal static class AdminCommands
{
    public static readonly string[] Names = ["create-api-key", "drop"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        switch (args[0])
        {
            case "create-api-key":
                var tenant = Value(args, "--tenant");
                if (tenant is null)
                {
                    await Console.Error.WriteLineAsync("usage: create-api-key --tenant TENANT [--admin] [--name NAME]");
                    return 2;
                }

                var (key, record) = await app.Services.GetRequiredService<ApiKeyStore>()
                    .CreateAsync(tenant, args.Contains("--admin"), Value(args, "--name"), cts.Token);
                await Console.Out.WriteLineAsync(key);
                await Console.Error.WriteLineAsync($"created key {record.KeyId} for tenant {record.Tenant}{(record.Admin ? " (admin)" : "")}");
                return 0;

            default:
                return await DropAsync(app, args, cts.Token);
        }
    }

    private static async Task<int> DropAsync(WebApplication app, string[] args, CancellationToken cancellationToken)
    {
        var tenant = Value(args, "--tenant");
        if (args.Length < 2 || tenant is null || !File.Exists(args[1]))
        {
            await Console.Error.WriteLineAsync("usage: drop FILE --tenant TENANT");
            return 2;
        }

        var name = Path.GetFileName(args[1]);
        if (!BlobPaths.IsValidTenant(tenant) || BlobPaths.ValidateFileName(name) is not null)
        {
            await Console.Error.WriteLineAsync($"not a valid tenant or file name: {tenant}/{name}");
            return 2;
        }

        var content = await File.ReadAllBytesAsync(args[1], cancellationToken);
        var options = app.Services.GetRequiredService<IOptions<AppOptions>>().Value;
        var container = app.Services.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(options.IncomingContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await container.GetBlobClient($"{tenant}/{name}").UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken);
        await Console.Out.WriteLineAsync(WorkflowIds.ForContent(tenant, Convert.ToHexStringLower(SHA256.HashData(content))));
        return 0;
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
