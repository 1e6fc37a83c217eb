namespace Serverless.App.Storage;

internal static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddServerlessStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Configure(o => Read(configuration.GetSection(StorageOptions.ConnectionSettingName), o))
            .Bind(configuration.GetSection("Storage"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<StorageClients>();
        return services;
    }

    /// <summary>Reads the connection the way the Functions host does: a value is a connection string, children are an identity-based connection.</summary>
    internal static void Read(IConfigurationSection connection, StorageOptions options)
    {
        options.ConnectionString = connection.Value ?? "";
        options.AccountName = connection["accountName"];
        options.BlobServiceUri = Uri(connection["blobServiceUri"]);
        options.QueueServiceUri = Uri(connection["queueServiceUri"]);
        options.TableServiceUri = Uri(connection["tableServiceUri"]);
        options.ClientId = connection["clientId"];
    }

    private static Uri? Uri(string? value) => string.IsNullOrWhiteSpace(value) ? null : new Uri(value, UriKind.Absolute);
}
