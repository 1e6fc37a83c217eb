using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Caching;
using Serverless.Pipeline.Tests.Support;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Pipeline.Tests.Caching;

/// <summary>The step cache on real Azurite: a resumed workflow re-bills nothing; another model or prompt is another key.</summary>
public sealed class StepCacheTests(AzuriteFixture azurite) : PipelineTest(azurite.ConnectionString)
{
    private static readonly string Hash = ContentHash.Of("the same bytes"u8);

    [Fact]
    public async Task GetOrComputeAsync_SecondRun_HitWithoutCallingTheModel()
    {
        var cache = Services.GetRequiredService<IStepCache>();
        var classifier = Services.GetRequiredService<AiStepFactory>().Classifier(false);
        var key = new StepCacheKey(Hash, "classify", classifier.Route.Model, classifier.PromptVersion);
        var ct = TestContext.Current.CancellationToken;

        var (first, firstHit) = await cache.GetOrComputeAsync(key, PipelineJsonContext.Default.ClassificationResult, c => classifier.ClassifyAsync("INVOICE total due", c), ct);
        var (second, secondHit) = await cache.GetOrComputeAsync(key, PipelineJsonContext.Default.ClassificationResult, c => classifier.ClassifyAsync("INVOICE total due", c), ct);

        firstHit.ShouldBeFalse();
        secondHit.ShouldBeTrue();
        second.ShouldBeEquivalentTo(first);
        Server.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_OtherPromptVersionOrModel_Miss()
    {
        var cache = Services.GetRequiredService<IStepCache>();
        var key = new StepCacheKey(Hash, "summarize", "gpt-4o-mini", "summarize.v1");
        var ct = TestContext.Current.CancellationToken;
        await cache.SetAsync(key, new CachedText("v1 summary"), CacheJson.Default.CachedText, ct);

        (await cache.GetAsync(key, CacheJson.Default.CachedText, ct)).ShouldBe(new CachedText("v1 summary"));
        (await cache.GetAsync(key with { PromptVersion = "summarize.v2" }, CacheJson.Default.CachedText, ct)).ShouldBeNull();
        (await cache.GetAsync(key with { Model = "gpt-4o" }, CacheJson.Default.CachedText, ct)).ShouldBeNull();
        (await cache.GetAsync(key with { Step = "embed:0" }, CacheJson.Default.CachedText, ct)).ShouldBeNull();
    }

    [Fact]
    public async Task SetAsync_SameKeyTwice_Overwrites()
    {
        var cache = Services.GetRequiredService<IStepCache>();
        var key = new StepCacheKey(Hash, "embed:3", "snowflake-arctic-embed-xs", "none");
        var ct = TestContext.Current.CancellationToken;

        await cache.SetAsync(key, new CachedText("a"), CacheJson.Default.CachedText, ct);
        await cache.SetAsync(key, new CachedText("a"), CacheJson.Default.CachedText, ct);

        (await cache.GetAsync(key, CacheJson.Default.CachedText, ct)).ShouldBe(new CachedText("a"));
    }

    [Fact]
    public void BlobName_ModelWithSlashes_StaysUnderTheHashFolder()
    {
        var name = new StepCacheKey(Hash, "classify", "../../etc/passwd", "v1").BlobName;

        name.ShouldStartWith($"steps/{Hash}/classify/");
        name.ShouldNotContain("..");
        Should.Throw<ArgumentException>(() => new StepCacheKey("../x", "classify", "m", "v1").BlobName);
    }
}

public sealed record CachedText(string Text);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CachedText))]
internal sealed partial class CacheJson : JsonSerializerContext;
