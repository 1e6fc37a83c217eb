using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline;
using Serverless.Pipeline.Indexing;
using Serverless.Testing;

// The embedded vector index on Azurite: upsert rate, and exact top-k search reading vectors only (then the
// winners' text) against reading whole rows. Usage: dotnet run -c Release --project bench/Serverless.Pipeline.Bench [-- CHUNKS [DIMENSIONS]]
// `-- lanes [ROUNDS]`: text-call latency while scans run (LanesBench).
if (args is ["lanes", ..])
{
    await Serverless.Pipeline.Bench.LanesBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
    return;
}

var chunks = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;
var dimensions = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1024;
const int K = 10;
const int Runs = 5;

var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
try
{
    var table = TestNames.Unique("benchvectors");
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Pipeline:Storage:ConnectionString"] = azurite.ConnectionString,
        ["Pipeline:Storage:VectorTable"] = table,
    }).Build();
    await using var services = new ServiceCollection().AddDocumentPipeline(configuration).BuildServiceProvider();
    var index = services.GetRequiredService<IVectorIndex>();

    var random = new Random(7);
    var text = new string('x', 2000); // about 400 cl100k tokens of prose: the default chunk size
    var items = Enumerable.Range(0, chunks).Select(i => new IndexedChunk(i, 1 + (i / 5), 1 + (i / 5), text, Vector(random, dimensions))).ToList();

    var upsert = Stopwatch.StartNew();
    foreach (var document in items.Chunk(100))
    {
        await index.UpsertAsync("bench", $"doc-{document[0].ChunkIndex / 100}", [.. document.Select((c, i) => c with { ChunkIndex = i })], CancellationToken.None);
    }

    upsert.Stop();
    var query = Vector(random, dimensions);

    var vectorsOnly = await MedianAsync(() => index.SearchAsync("bench", query, K, CancellationToken.None));
    var tableClient = new TableServiceClient(azurite.ConnectionString).GetTableClient(table);
    var wholeRows = await MedianAsync(async () =>
    {
        var best = new List<(double, TableEntity)>();
        await foreach (var row in tableClient.QueryAsync<TableEntity>(e => e.PartitionKey == "bench"))
        {
            var v = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(row.GetBinary("Vector"));
            best.Add((VectorMath.Cosine(query, v), row));
        }

        return best.OrderByDescending(b => b.Item1).Take(K).ToList();
    });
    var inMemory = await MedianAsync(() =>
    {
        var scores = items.Select(c => VectorMath.Cosine(query, c.Vector)).OrderDescending().Take(K).ToList();
        return Task.FromResult(scores);
    });

    Console.WriteLine($"embedded vector index on Azurite: {chunks} chunks x {dimensions} dims, k={K}, median of {Runs}");
    Console.WriteLine($"  upsert:                         {upsert.Elapsed.TotalMilliseconds,8:F0} ms ({chunks / upsert.Elapsed.TotalSeconds:F0} chunks/s)");
    Console.WriteLine($"  search, vectors then winners:   {vectorsOnly,8:F1} ms");
    Console.WriteLine($"  search, whole rows:             {wholeRows,8:F1} ms");
    Console.WriteLine($"  cosine top-k in memory only:    {inMemory,8:F2} ms");
    Console.WriteLine($"  ratio whole rows / vectors-first: {wholeRows / vectorsOnly:F2}");
    Console.WriteLine($"  ratio search / in-memory cosine:  {vectorsOnly / inMemory:F0}");
}
finally
{
    await azurite.DisposeAsync();
}

static async Task<double> MedianAsync<T>(Func<Task<T>> run)
{
    await run(); // warm-up
    var times = new List<double>();
    for (var i = 0; i < Runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await run();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return times[times.Count / 2];
}

static float[] Vector(Random random, int dimensions) => [.. Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1))];
