using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Inference.Serving;
using Shouldly;

namespace Serverless.Inference.Tests.Serving;

public sealed class InferenceMetricsTests
{
    [Fact]
    public async Task Metrics_RequestsPagesTokensAndQueueDepth_AreExported()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var gates = new ConcurrencyGates(Options.Create(new ConcurrencyOptions { Ocr = new EndpointConcurrency { PermitLimit = 1, QueueLimit = 2 } }));
        var metrics = new InferenceMetrics(services.GetRequiredService<IMeterFactory>(), gates);
        var seen = new List<(string Instrument, double Value, string? Endpoint)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == InferenceMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, Endpoint(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, Endpoint(tags))));
        listener.Start();
        gates.TryGet(EndpointNames.Ocr, out var limiter, out _).ShouldBeTrue();
        using var held = await limiter.AcquireAsync(1, TestContext.Current.CancellationToken);
        var waiting = limiter.AcquireAsync(1, TestContext.Current.CancellationToken);

        metrics.RecordRequest(EndpointNames.Ocr, 200, 12.5);
        metrics.RecordPages("tesseract", 3);
        metrics.RecordTokens(EndpointNames.Summarize, 100, 20);
        listener.RecordObservableInstruments();

        seen.ShouldContain(("inference.requests", 1, EndpointNames.Ocr));
        seen.ShouldContain(("inference.request.duration", 12.5, EndpointNames.Ocr));
        seen.ShouldContain(("inference.ocr.pages", 3, null));
        seen.ShouldContain(("inference.tokens", 100, EndpointNames.Summarize));
        seen.ShouldContain(("inference.tokens", 20, EndpointNames.Summarize));
        seen.ShouldContain(("inference.queue.depth", 1, EndpointNames.Ocr));
        seen.ShouldContain(("inference.active", 1, EndpointNames.Ocr));
        held.Dispose();
        (await waiting).IsAcquired.ShouldBeTrue();
    }

    private static string? Endpoint(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "endpoint")
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
