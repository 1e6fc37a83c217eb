using System.Globalization;
using System.Numerics.Tensors;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Serverless.Pipeline.Indexing;

/// <summary>
/// One tenant's chunks in memory: the vectors (unit length, one contiguous array, exact dot-product
/// search) and a Lucene.Net index of the texts (English analyzer, BM25) that also stores each chunk's
/// text. A search reads the top <see cref="HybridRanking.CandidatesPerRanking"/> of both rankings and
/// fuses them by reciprocal rank. Thread-safe: searches share a read lock, changes take the write lock.
/// </summary>
internal sealed class TenantSearchIndex : IDisposable
{
    private const string SlotField = "slot";
    private const string DocumentField = "doc";
    private const string TextField = "text";
    private static readonly LuceneVersion Lucene = LuceneVersion.LUCENE_48;

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Analyzer _analyzer = new EnglishAnalyzer(Lucene);
    private readonly RAMDirectory _directory = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly Dictionary<string, List<int>> _slotsByDocument = new(StringComparer.Ordinal);
    private readonly Stack<int> _free = new();
    private Entry?[] _entries = new Entry?[64];
    private float[] _vectors = [];
    private int _slots;
    private int _dimensions;

    public TenantSearchIndex()
    {
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Lucene, _analyzer) { Similarity = new BM25Similarity(), OpenMode = OpenMode.CREATE, RAMBufferSizeMB = 64 });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25SearcherFactory());
    }

    /// <summary>Chunks held.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _slots - _free.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Makes each document's chunks exactly the ones given (several documents at once when loading).</summary>
    public void Replace(IEnumerable<(string DocumentId, IReadOnlyList<IndexedChunk> Chunks)> documents)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var (documentId, chunks) in documents)
            {
                RemoveUnlocked(documentId);
                var slots = new List<int>(chunks.Count);
                foreach (var chunk in chunks)
                {
                    var slot = Add(documentId, chunk);
                    slots.Add(slot);
                    _writer.AddDocument(
                    [
                        new StringField(SlotField, slot.ToString(CultureInfo.InvariantCulture), Field.Store.YES),
                        new StringField(DocumentField, documentId, Field.Store.NO),
                        new TextField(TextField, chunk.Text, Field.Store.YES),
                    ]);
                }

                if (slots.Count > 0)
                {
                    _slotsByDocument[documentId] = slots;
                }
            }

            _searchers.MaybeRefreshBlocking();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes the document's chunks; returns how many there were.</summary>
    public int Remove(string documentId)
    {
        _lock.EnterWriteLock();
        try
        {
            var removed = RemoveUnlocked(documentId);
            _searchers.MaybeRefreshBlocking();
            return removed;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<SearchHit> Search(string queryText, ReadOnlySpan<float> queryVector, int k, double denseWeight, double lexicalWeight)
    {
        var depth = Math.Max(k, HybridRanking.CandidatesPerRanking);
        _lock.EnterReadLock();
        var searcher = _searchers.Acquire();
        try
        {
            var dense = Dense(queryVector, depth);
            var lexical = Lexical(searcher, queryText, depth);
            var fused = HybridRanking.Fuse<int>([(dense, denseWeight), (lexical, lexicalWeight)], k);
            var hits = new List<SearchHit>(fused.Count);
            foreach (var (slot, score) in fused)
            {
                var entry = _entries[slot]!;
                hits.Add(new SearchHit(entry.DocumentId, entry.ChunkIndex, entry.Page, StoredText(searcher, slot), score, entry.DocumentName));
            }

            return hits;
        }
        finally
        {
            _searchers.Release(searcher);
            _lock.ExitReadLock();
        }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
        _lock.Dispose();
    }

    private int Add(string documentId, IndexedChunk chunk)
    {
        if (_dimensions == 0)
        {
            _dimensions = chunk.Vector.Length;
        }
        else if (chunk.Vector.Length != _dimensions)
        {
            throw new ArgumentException($"Vector dimensions differ ({chunk.Vector.Length} vs the index's {_dimensions}): the tenant's chunks were embedded by another model; re-index them.", nameof(chunk));
        }

        var slot = _free.Count > 0 ? _free.Pop() : _slots++;
        if (slot >= _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        if ((slot + 1) * _dimensions > _vectors.Length)
        {
            Array.Resize(ref _vectors, Math.Max(_dimensions * 64, _vectors.Length * 2));
        }

        var target = _vectors.AsSpan(slot * _dimensions, _dimensions);
        chunk.Vector.CopyTo(target);
        var norm = TensorPrimitives.Norm(target);
        if (norm > 0)
        {
            TensorPrimitives.Divide(target, norm, target);
        }

        _entries[slot] = new Entry(documentId, chunk.ChunkIndex, chunk.FirstPage, chunk.DocumentName);
        return slot;
    }

    private int RemoveUnlocked(string documentId)
    {
        if (!_slotsByDocument.Remove(documentId, out var slots))
        {
            return 0;
        }

        foreach (var slot in slots)
        {
            _entries[slot] = null;
            _free.Push(slot);
        }

        _writer.DeleteDocuments(new Term(DocumentField, documentId));
        return slots.Count;
    }

    private List<int> Dense(ReadOnlySpan<float> query, int depth)
    {
        if (_dimensions == 0 || query.Length != _dimensions)
        {
            return query.Length == 0 || _dimensions == 0 ? [] : throw new ArgumentException($"The query has {query.Length} dimensions, the index {_dimensions}.", nameof(query));
        }

        var best = new PriorityQueue<int, float>(depth + 1);
        for (var slot = 0; slot < _slots; slot++)
        {
            if (_entries[slot] is null)
            {
                continue;
            }

            var score = TensorPrimitives.Dot(_vectors.AsSpan(slot * _dimensions, _dimensions), query);
            if (best.Count < depth)
            {
                best.Enqueue(slot, score);
            }
            else if (best.TryPeek(out _, out var worst) && score > worst)
            {
                best.DequeueEnqueue(slot, score);
            }
        }

        var ranking = new List<int>(best.Count);
        while (best.TryDequeue(out var slot, out _))
        {
            ranking.Add(slot);
        }

        ranking.Reverse();
        return ranking;
    }

    private List<int> Lexical(IndexSearcher searcher, string queryText, int depth)
    {
        var query = new BooleanQuery();
        var terms = new HashSet<string>(StringComparer.Ordinal);
        using (var stream = _analyzer.GetTokenStream(TextField, queryText))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken() && terms.Count < BooleanQuery.MaxClauseCount)
            {
                terms.Add(term.ToString());
            }

            stream.End();
        }

        if (terms.Count == 0)
        {
            return [];
        }

        foreach (var term in terms)
        {
            query.Add(new TermQuery(new Term(TextField, term)), Occur.SHOULD);
        }

        var top = searcher.Search(query, depth);
        return [.. top.ScoreDocs.Select(d => int.Parse(searcher.Doc(d.Doc).Get(SlotField), CultureInfo.InvariantCulture))];
    }

    private static string StoredText(IndexSearcher searcher, int slot)
    {
        var top = searcher.Search(new TermQuery(new Term(SlotField, slot.ToString(CultureInfo.InvariantCulture))), 1);
        return top.ScoreDocs.Length == 0 ? "" : searcher.Doc(top.ScoreDocs[0].Doc).Get(TextField) ?? "";
    }

    private sealed record Entry(string DocumentId, int ChunkIndex, int Page, string? DocumentName);

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
