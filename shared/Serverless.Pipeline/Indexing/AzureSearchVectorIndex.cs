using System.Text;
using Azure.Search.Documents;
using Azure.Search.Documents.Models;

namespace Serverless.Pipeline.Indexing;

/// <summary>
/// <see cref="IVectorIndex"/> on Azure AI Search for the cloud. The index (created by infrastructure) has
/// fields <c>id</c> (key), <c>tenant</c> (filterable), <c>documentId</c> (filterable), <c>chunkIndex</c>,
/// <c>page</c>, <c>lastPage</c>, <c>documentName</c>, <c>text</c> (searchable, English analyzer) and
/// <c>vector</c> (a vector field with a cosine profile). Every query is filtered by tenant and is hybrid:
/// the text (BM25) and the vector in one request, which the service fuses by reciprocal rank, as
/// <see cref="TableVectorIndex"/> does in memory. Not exercised by tests here (no Azure AI Search emulator exists).
/// </summary>
public sealed class AzureSearchVectorIndex(SearchClient search) : IVectorIndex
{
    public async Task UpsertAsync(string tenant, string documentId, IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken)
    {
        var documents = chunks.Select(c => new SearchDocument
        {
            ["id"] = Key(tenant, documentId, c.ChunkIndex),
            ["tenant"] = TenantId.Validate(tenant),
            ["documentId"] = documentId,
            ["chunkIndex"] = c.ChunkIndex,
            ["page"] = c.FirstPage,
            ["lastPage"] = c.LastPage,
            ["documentName"] = c.DocumentName,
            ["text"] = c.Text,
            ["vector"] = c.Vector,
        }).ToList();
        if (documents.Count > 0)
        {
            await search.MergeOrUploadDocumentsAsync(documents, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var keep = documents.Select(d => (string)d["id"]).ToHashSet(StringComparer.Ordinal);
        var stale = (await KeysAsync(tenant, documentId, cancellationToken).ConfigureAwait(false)).Where(k => !keep.Contains(k)).ToList();
        if (stale.Count > 0)
        {
            await search.DeleteDocumentsAsync("id", stale, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<int> DeleteDocumentAsync(string tenant, string documentId, CancellationToken cancellationToken)
    {
        var keys = await KeysAsync(tenant, documentId, cancellationToken).ConfigureAwait(false);
        if (keys.Count > 0)
        {
            await search.DeleteDocumentsAsync("id", keys, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return keys.Count;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string tenant, string queryText, ReadOnlyMemory<float> queryVector, int k, CancellationToken cancellationToken)
    {
        var options = new SearchOptions
        {
            Filter = SearchFilter.Create($"tenant eq {TenantId.Validate(tenant)}"),
            Size = k,
            QueryType = SearchQueryType.Simple,
            SearchMode = SearchMode.Any,
            VectorSearch = new() { Queries = { new VectorizedQuery(queryVector) { KNearestNeighborsCount = Math.Max(k, HybridRanking.CandidatesPerRanking), Fields = { "vector" } } } },
        };
        options.SearchFields.Add("text");
        options.Select.Add("documentId");
        options.Select.Add("documentName");
        options.Select.Add("chunkIndex");
        options.Select.Add("page");
        options.Select.Add("text");

        // Text and vector in one request: the service runs BM25 and the vector query and fuses them by reciprocal rank.
        var text = string.IsNullOrWhiteSpace(queryText) ? null : queryText;
        var response = await search.SearchAsync<SearchDocument>(text, options, cancellationToken).ConfigureAwait(false);
        var hits = new List<SearchHit>();
        await foreach (var result in response.Value.GetResultsAsync().ConfigureAwait(false))
        {
            var d = result.Document;
            hits.Add(new SearchHit(d.GetString("documentId"), d.GetInt32("chunkIndex") ?? 0, d.GetInt32("page") ?? 0, d.GetString("text"), result.Score ?? 0, d.TryGetValue("documentName", out var name) ? name as string : null));
        }

        return hits;
    }

    private async Task<List<string>> KeysAsync(string tenant, string documentId, CancellationToken cancellationToken)
    {
        var options = new SearchOptions
        {
            Filter = SearchFilter.Create($"tenant eq {TenantId.Validate(tenant)} and documentId eq {documentId}"),
            Size = 1000,
        };
        options.Select.Add("id");
        var response = await search.SearchAsync<SearchDocument>("*", options, cancellationToken).ConfigureAwait(false);
        var keys = new List<string>();
        await foreach (var result in response.Value.GetResultsAsync().ConfigureAwait(false))
        {
            keys.Add(result.Document.GetString("id"));
        }

        return keys;
    }

    // Search keys allow letters, digits, '_', '-' and '=': base64url of the natural key.
    private static string Key(string tenant, string documentId, int chunk) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{tenant}|{documentId}|{chunk}")).Replace('+', '-').Replace('/', '_');
}
