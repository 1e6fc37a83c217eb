using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.Testing;

/// <summary>
/// A seeded fault injector for Azure Storage clients (RELIABILITY.md G4). It sits before the SDK's retry
/// policy (per call), so every fault reaches the code under test: harsher than production, where the SDK
/// retries many of them first. Each call fails with probability <see cref="Rate"/>, in one of these ways:
/// a 500, a 503 or a connection failure without the request being sent; a 412 without sending a
/// conditional (If-Match) request; or, the nasty one, the request is carried out and its response lost
/// (the caller sees a 500 after the effect happened; this is also what a non-conditional request gets
/// when the 412 is drawn). The same seed gives the same sequence of decisions for the same calls.
/// </summary>
public sealed class StorageFaultPolicy(int seed, double rate) : HttpPipelinePolicy
{
    private readonly Random _random = new(seed);
    private long _calls;
    private long _faults;
    private long _lostResponses;

    public int Seed => seed;

    public double Rate => rate;

    /// <summary>When false, calls pass through untouched (e.g. while a test sets up or checks).</summary>
    public bool Enabled { get; set; } = true;

    public long Calls => Interlocked.Read(ref _calls);

    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>Faults that were carried out before their response was dropped.</summary>
    public long LostResponses => Interlocked.Read(ref _lostResponses);

    /// <summary>Adds this policy to the options of a storage client, in front of its retry policy.</summary>
    public void AddTo(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: true);

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref _calls);
        var (fail, kind) = Decide();
        if (!Enabled || !fail)
        {
            await Next(message, pipeline, async).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _faults);
        switch (kind)
        {
            case 0:
                throw new RequestFailedException(500, "Injected fault: internal error; the request was not sent.", "InternalError", null);
            case 1:
                throw new RequestFailedException(503, "Injected fault: server busy; the request was not sent.", "ServerBusy", null);
            case 2:
                throw new RequestFailedException(0, "Injected fault: the connection failed; the request was not sent.", new HttpRequestException("injected connection failure"));
            case 3 when message.Request.Headers.TryGetValue("If-Match", out _):
                throw new RequestFailedException(412, "Injected fault: precondition failed; the request was not sent.", "ConditionNotMet", null);
            default:
                await Next(message, pipeline, async).ConfigureAwait(false);
                Interlocked.Increment(ref _lostResponses);
                throw new RequestFailedException(500, "Injected fault: the request was carried out, then its response was lost.", "InternalError", null);
        }
    }

    private (bool Fail, int Kind) Decide()
    {
        lock (_random)
        {
            return (_random.NextDouble() < rate, _random.Next(5));
        }
    }

    private static ValueTask Next(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        if (async)
        {
            return ProcessNextAsync(message, pipeline);
        }

        ProcessNext(message, pipeline);
        return ValueTask.CompletedTask;
    }
}
