using System.Text;
using Microsoft.ML.Tokenizers;
using Serverless.Pipeline.Extraction;

namespace Serverless.Pipeline.Chunking;

/// <summary>
/// Token-aware chunking with the cl100k tokenizer (the one of the OpenAI embedding models): windows of
/// <see cref="PipelineLimits.ChunkTokens"/> tokens that share <see cref="PipelineLimits.ChunkOverlapTokens"/>
/// tokens with the previous window, across page boundaries, each remembering the pages it spans.
/// </summary>
public sealed class TextChunker
{
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    private readonly PipelineLimits _limits;

    public TextChunker(PipelineLimits limits)
    {
        if (limits.ChunkOverlapTokens >= limits.ChunkTokens)
        {
            throw new ArgumentException("Pipeline:Limits:ChunkOverlapTokens must be smaller than ChunkTokens.", nameof(limits));
        }

        _limits = limits;
    }

    /// <summary>The tokenizer (also used to count tokens elsewhere).</summary>
    public static Tokenizer Tokenizer => Cl100k.Value;

    /// <exception cref="DocumentRejectedException">The document would need more than <see cref="PipelineLimits.MaxChunksPerDocument"/> chunks.</exception>
    public IReadOnlyList<TextChunk> Chunk(IReadOnlyList<ExtractedPage> pages)
    {
        var tokens = new List<(int Page, int Start, int End)>();
        var texts = new Dictionary<int, string>();
        foreach (var page in pages)
        {
            if (string.IsNullOrWhiteSpace(page.Text))
            {
                continue;
            }

            texts[page.PageNumber] = page.Text;
            foreach (var token in Tokenizer.EncodeToTokens(page.Text, out _, considerNormalization: false))
            {
                var (start, length) = token.Offset.GetOffsetAndLength(page.Text.Length);
                tokens.Add((page.PageNumber, start, start + length));
            }
        }

        var chunks = new List<TextChunk>();
        var stride = _limits.ChunkTokens - _limits.ChunkOverlapTokens;
        for (var first = 0; first < tokens.Count; first += stride)
        {
            var last = Math.Min(first + _limits.ChunkTokens, tokens.Count) - 1;
            if (chunks.Count == _limits.MaxChunksPerDocument)
            {
                throw new DocumentRejectedException(ExtractionErrorCodes.TextTooLong, $"The document needs more than {_limits.MaxChunksPerDocument} chunks.");
            }

            chunks.Add(new TextChunk(chunks.Count, Text(tokens, texts, first, last).Trim(), last - first + 1, tokens[first].Page, tokens[last].Page));
            if (last == tokens.Count - 1)
            {
                break;
            }
        }

        return chunks;
    }

    private static string Text(List<(int Page, int Start, int End)> tokens, Dictionary<int, string> texts, int first, int last)
    {
        var text = new StringBuilder();
        var i = first;
        while (i <= last)
        {
            var page = tokens[i].Page;
            var start = tokens[i].Start;
            while (i + 1 <= last && tokens[i + 1].Page == page)
            {
                i++;
            }

            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            text.Append(texts[page], start, tokens[i].End - start);
            i++;
        }

        return text.ToString();
    }
}
