using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline;
using Serverless.Pipeline.Indexing;
using Serverless.Testing;

// `-- lanes [ROUNDS]`: text-call latency while scans run (LanesBench).
if (args is ["lanes", ..])
{
    await Serverless.Pipeline.Bench.LanesBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3);
    return;
}

// The embedded hybrid index on Azurite: upsert rate, the one-off load of a tenant's partition into
// memory, and the query p50/p95 after it (cosine over all vectors + Lucene BM25, fused by reciprocal
// rank; each query also reads the tenant's version row). Texts are generated prose from a 5,000-word
// vocabulary with a Zipf-like spread, vectors random unit vectors (the cost does not depend on values).
// Usage: dotnet run -c Release --project bench/Serverless.Pipeline.Bench [-- CHUNKS [DIMENSIONS [QUERIES [--in-memory]]]]
// --in-memory: only the per-process part (build the TenantSearchIndex directly, then query it), for sizes
// whose Azurite upsert and load take longer than a bench run should; a query through TableVectorIndex adds one version-row read.
var chunks = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var dimensions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 384;
var queries = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
const int K = 5;
const int ChunksPerDocument = 20;
if (args.Contains("--in-memory"))
{
    var generator = new Random(7);
    var words = Enumerable.Range(0, 5000).Select(i => Word(generator, i)).ToArray();
    using var memory = new TenantSearchIndex();
    var build = Stopwatch.StartNew();
    for (var document = 0; document * ChunksPerDocument < chunks; document++)
    {
        var items = Enumerable.Range(0, Math.Min(ChunksPerDocument, chunks - (document * ChunksPerDocument)))
            .Select(i => new IndexedChunk(i, 1, 1, Prose(generator, words, 300), Vector(generator, dimensions), $"document-{document}.pdf"))
            .ToList();
        memory.Replace([($"doc-{document:D6}", items)]);
    }

    build.Stop();
    var heap = GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0;
    var samples = new List<double>(queries);
    for (var i = 0; i < queries + 5; i++)
    {
        var text = Prose(generator, words, 6);
        var vector = Vector(generator, dimensions);
        var watch = Stopwatch.StartNew();
        var found = memory.Search(text, vector, K, 1.0, 1.0);
        if (i >= 5)
        {
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        if (found.Count != K)
        {
            throw new InvalidOperationException($"expected {K} hits, got {found.Count}");
        }
    }

    samples.Sort();
    Console.WriteLine($"in-memory hybrid index: {chunks:N0} chunks x {dimensions} dims, ~300 words each, k={K}, {queries} queries, {Environment.ProcessorCount} cores");
    Console.WriteLine($"  build (vectors + Lucene):       {build.Elapsed.TotalSeconds,8:F1} s");
    Console.WriteLine($"  managed heap:                   {heap,8:F0} MiB");
    Console.WriteLine($"  query p50:                      {samples[samples.Count / 2],8:F1} ms");
    Console.WriteLine($"  query p95:                      {samples[(int)(samples.Count * 0.95)],8:F1} ms");
    return;
}

var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
try
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Pipeline:Storage:ConnectionString"] = azurite.ConnectionString,
        ["Pipeline:Storage:VectorTable"] = TestNames.Unique("benchvectors"),
    }).Build();
    await using var services = new ServiceCollection().AddDocumentPipeline(configuration).BuildServiceProvider();
    var writer = (TableVectorIndex)services.GetRequiredService<IVectorIndex>();

    var random = new Random(7);
    var vocabulary = Enumerable.Range(0, 5000).Select(i => Word(random, i)).ToArray();
    var upsert = Stopwatch.StartNew();
    for (var document = 0; document * ChunksPerDocument < chunks; document++)
    {
        var items = Enumerable.Range(0, Math.Min(ChunksPerDocument, chunks - (document * ChunksPerDocument)))
            .Select(i => new IndexedChunk(i, 1 + (i / 4), 1 + (i / 4), Prose(random, vocabulary, 300), Vector(random, dimensions), $"document-{document}.pdf"))
            .ToList();
        await writer.UpsertAsync("bench", $"doc-{document:D6}", items, CancellationToken.None);
    }

    upsert.Stop();

    // A second instance, as another replica would be: its first query loads the partition.
    using var reader = new TableVectorIndex(services.GetRequiredService<PipelineStorage>(), services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HybridSearchOptions>>());
    var load = Stopwatch.StartNew();
    await reader.SearchAsync("bench", Prose(random, vocabulary, 6), Vector(random, dimensions), K, CancellationToken.None);
    load.Stop();
    GC.Collect();
    var heapMib = GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0;

    var times = new List<double>(queries);
    for (var i = 0; i < queries; i++)
    {
        var text = Prose(random, vocabulary, 6);
        var vector = Vector(random, dimensions);
        var watch = Stopwatch.StartNew();
        var hits = await reader.SearchAsync("bench", text, vector, K, CancellationToken.None);
        times.Add(watch.Elapsed.TotalMilliseconds);
        if (hits.Count != K)
        {
            throw new InvalidOperationException($"expected {K} hits, got {hits.Count}");
        }
    }

    times.Sort();
    Console.WriteLine($"embedded hybrid index on Azurite: {chunks:N0} chunks x {dimensions} dims, ~300 words each, k={K}, {queries} queries, {Environment.ProcessorCount} cores");
    Console.WriteLine($"  upsert:                         {upsert.Elapsed.TotalSeconds,8:F1} s ({chunks / upsert.Elapsed.TotalSeconds:F0} chunks/s, {ChunksPerDocument} per document)");
    Console.WriteLine($"  first query (loads partition):  {load.Elapsed.TotalSeconds,8:F1} s");
    Console.WriteLine($"  managed heap after load:        {heapMib,8:F0} MiB (both instances)");
    Console.WriteLine($"  query p50:                      {times[times.Count / 2],8:F1} ms");
    Console.WriteLine($"  query p95:                      {times[(int)(times.Count * 0.95)],8:F1} ms");
    Console.WriteLine($"  partition loads by the reader:  {reader.Loads,8}");
}
finally
{
    await azurite.DisposeAsync();
}

static string Word(Random random, int i)
{
    const string Letters = "abcdefghijklmnopqrstuvwxyz";
    var length = 3 + (i % 8);
    return string.Create(length, random, (span, r) =>
    {
        for (var c = 0; c < span.Length; c++)
        {
            span[c] = Letters[r.Next(Letters.Length)];
        }
    });
}

static string Prose(Random random, string[] vocabulary, int words) =>
    string.Join(' ', Enumerable.Range(0, words).Select(_ => vocabulary[(int)(vocabulary.Length * Math.Pow(random.NextDouble(), 3))]));

static float[] Vector(Random random, int dimensions) => [.. Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1))];
