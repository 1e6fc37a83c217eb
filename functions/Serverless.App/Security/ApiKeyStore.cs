using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.App.Ingestion;
using Serverless.App.Storage;

namespace Serverless.App.Security;

/// <summary>
/// Tenant API keys in a table. Only the SHA-256 of a key is stored (the row key); the key itself is
/// shown once, when it is created. Keys are 32 random bytes, so an unsalted fast hash is enough.
/// </summary>
internal sealed class ApiKeyStore(StorageClients clients, IOptions<AppOptions> options, TimeProvider time)
{
    private const string Partition = "apikey";
    private const string KeyPrefix = "sk_";

    public async Task<(string Key, ApiKey Record)> CreateAsync(string tenant, bool admin, string? name, CancellationToken cancellationToken)
    {
        if (!BlobPaths.IsValidTenant(tenant))
        {
            throw new ArgumentException("A tenant is 1-32 lower-case letters, digits or '-', starting and ending with a letter or digit.", nameof(tenant));
        }

        var key = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var hash = Hash(key);
        var entity = new TableEntity(Partition, hash)
        {
            ["Tenant"] = tenant,
            ["Admin"] = admin,
            ["Name"] = name,
            ["CreatedAt"] = time.GetUtcNow(),
        };
        var table = clients.Tables.GetTableClient(options.Value.ApiKeysTable);
        await table.CreateIfNotExistsAsync(cancellationToken);
        await table.AddEntityAsync(entity, cancellationToken);
        return (key, new ApiKey(KeyId(hash), tenant, admin, name));
    }

    public async Task<ApiKey?> FindAsync(string key, CancellationToken cancellationToken)
    {
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length > 100)
        {
            return null;
        }

        var hash = Hash(key);
        var table = clients.Tables.GetTableClient(options.Value.ApiKeysTable);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, hash, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e
            ? new ApiKey(KeyId(hash), e.GetString("Tenant"), e.GetBoolean("Admin") ?? false, e.GetString("Name"))
            : null;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string KeyId(string hash) => hash[..16];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
