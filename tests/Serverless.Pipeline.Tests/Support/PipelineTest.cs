using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Pipeline.Tests.Support;

/// <summary>A test class with a scripted AI server and the pipeline composed against it (and Azurite, when given).</summary>
public abstract class PipelineTest(string? storageConnection = null) : ScriptedServerTest
{
    protected ServiceProvider Services { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var settings = TestPipeline.Settings(Server, storage: storageConnection);
        Configure(settings);
        Services = TestPipeline.Build(settings);
    }

    protected override async ValueTask DisposeCoreAsync()
    {
        await Services.DisposeAsync();
        await base.DisposeCoreAsync();
    }

    /// <summary>Adjusts the settings before the services are built.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }
}
