namespace Serverless.Pipeline.Tests.Support;

/// <summary>A test class with its own scripted AI server (started before each test, stopped after).</summary>
public abstract class ScriptedServerTest : IAsyncLifetime
{
    protected ScriptedAiServer Server { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync() => Server = await ScriptedAiServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync();
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a derived class holds, before the server stops.</summary>
    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;
}
