using Microsoft.Extensions.Options;
using Serverless.Inference.Serving;
using Shouldly;

namespace Serverless.Inference.Tests.Serving;

public sealed class RequestKeyCounterTests
{
    [Fact]
    public void RecordAttempt_MoreKeysThanTheCap_KeepsOnlyTheNewestKeys()
    {
        var counter = new RequestKeyCounter(Options.Create(new TestHooksOptions { RequestKeys = true, MaxRequestKeys = 3 }));

        for (var i = 0; i < 1000; i++)
        {
            counter.RecordAttempt($"key-{i}");
        }

        counter.RecordSuccess("key-999", EndpointNames.Embeddings);

        counter.All().Select(k => k.Key).ShouldBe(["key-997", "key-998", "key-999"]);
        counter.Get("key-0").ShouldBeNull();
        counter.Get("key-999")!.Count.ShouldBe(1);
        counter.Get("key-999")!.Attempts.ShouldBe(1);
    }

    [Fact]
    public void Enabled_NotConfigured_IsOff()
    {
        new RequestKeyCounter(Options.Create(new TestHooksOptions())).Enabled.ShouldBeFalse();
    }
}
