namespace Serverless.Functions.Storage;

internal static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddServerlessStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Configure(o => o.ConnectionString = configuration[StorageOptions.ConnectionSettingName] ?? "")
            .Bind(configuration.GetSection("Storage"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<StorageClients>();
        return services;
    }
}
