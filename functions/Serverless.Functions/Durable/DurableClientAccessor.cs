using Microsoft.DurableTask.Client;

namespace Serverless.Functions.Durable;

/// <summary>
/// The app's services take a <see cref="DurableTaskClient"/> from DI, but in the isolated worker the client comes from a
/// function's <c>[DurableClient]</c> binding (it carries the host's endpoint). Every function that starts or manages
/// workflows hands its bound client here before it resolves an app service; the extension caches one client per
/// task hub and connection, so the first one is the one for the life of the worker.
/// </summary>
internal sealed class DurableClientAccessor
{
    private DurableTaskClient? _client;

    public DurableTaskClient Client => Volatile.Read(ref _client)
        ?? throw new InvalidOperationException(
            "No durable client yet: resolve services that need one only in a function that has a [DurableClient] parameter, after DurableClientAccessor.Use.");

    public void Use(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        Interlocked.CompareExchange(ref _client, client, null);
    }
}
