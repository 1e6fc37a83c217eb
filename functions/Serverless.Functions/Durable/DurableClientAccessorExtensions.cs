using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Functions.Durable;

internal static class DurableClientAccessorExtensions
{
    /// <summary>Registers the accessor, and <see cref="DurableTaskClient"/> as the client it holds.</summary>
    public static IServiceCollection AddDurableClientAccessor(this IServiceCollection services)
    {
        services.AddSingleton<DurableClientAccessor>();
        services.AddSingleton(sp => sp.GetRequiredService<DurableClientAccessor>().Client);
        return services;
    }
}
