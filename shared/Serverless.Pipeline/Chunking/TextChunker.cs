using System.Text;
using Microsoft.ML.Tokenizers;
using Serverless.Pipeline.Extraction;

namespace Serverless.Pipeline.Chunking;

/// <summary>
/// Token-aware chunking with the cl100k tokenizer (the one of the OpenAI embedding models): windows of at
/// most <see cref="PipelineLimits.ChunkTokens"/> tokens that share up to <see cref="PipelineLimits.ChunkOverlapTokens"/>
/// tokens with the previous window, across page boundaries, each remembering the pages it spans. A window
/// ends at a line end when one lies in its second half, and never right after a heading or a label line
/// ("Total due:" whose value is on the next line), so that a fact stays in one chunk with its label; the
/// next window starts at a line start inside the overlap when there is one.
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
        var lineStarts = new List<bool>();
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
                lineStarts.Add(StartsLine(page.Text, start));
                tokens.Add((page.PageNumber, start, start + length));
            }
        }

        var chunks = new List<TextChunk>();
        var first = 0;
        while (first < tokens.Count)
        {
            var end = WindowEnd(tokens, lineStarts, texts, first);
            var last = end - 1;
            if (chunks.Count == _limits.MaxChunksPerDocument)
            {
                throw new DocumentRejectedException(ExtractionErrorCodes.TextTooLong, $"The document needs more than {_limits.MaxChunksPerDocument} chunks.");
            }

            chunks.Add(new TextChunk(chunks.Count, Text(tokens, texts, first, last).Trim(), last - first + 1, tokens[first].Page, tokens[last].Page));
            if (end >= tokens.Count)
            {
                break;
            }

            first = NextStart(lineStarts, first, end);
        }

        return chunks;
    }

    /// <summary>The exclusive end of the window that starts at <paramref name="first"/>.</summary>
    private int WindowEnd(List<(int Page, int Start, int End)> tokens, List<bool> lineStarts, Dictionary<int, string> texts, int first)
    {
        var limit = first + _limits.ChunkTokens;
        if (limit >= tokens.Count)
        {
            return tokens.Count;
        }

        // The latest line start in the window's second half whose preceding line is not a heading or label.
        for (var end = limit; end > first + (_limits.ChunkTokens / 2); end--)
        {
            if (lineStarts[end] && !IsLabelLine(PrecedingLine(tokens, texts, end)))
            {
                return end;
            }
        }

        return limit;
    }

    /// <summary>The next window's start: a line start inside the overlap when there is one, else overlap tokens back.</summary>
    private int NextStart(List<bool> lineStarts, int first, int end)
    {
        var overlapStart = Math.Max(first + 1, end - _limits.ChunkOverlapTokens);
        for (var start = overlapStart; start < end; start++)
        {
            if (lineStarts[start])
            {
                return start;
            }
        }

        return _limits.ChunkOverlapTokens == 0 ? end : overlapStart;
    }

    /// <summary>The text of the line that ends just before token <paramref name="end"/> (on that token's page or the previous one).</summary>
    private static string PrecedingLine(List<(int Page, int Start, int End)> tokens, Dictionary<int, string> texts, int end)
    {
        var (page, _, lineEnd) = tokens[end - 1];
        var text = texts[page];
        while (lineEnd > 0 && char.IsWhiteSpace(text[lineEnd - 1]))
        {
            lineEnd--;
        }

        var lineStart = lineEnd == 0 ? 0 : text.LastIndexOf('\n', lineEnd - 1) + 1;
        return text[lineStart..lineEnd];
    }

    /// <summary>Whether the text before <paramref name="start"/> (spaces and tabs aside) is a line break or the page's start.</summary>
    private static bool StartsLine(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] is ' ' or '\t' or '\r')
        {
            i--;
        }

        return i < 0 || text[i] == '\n';
    }

    /// <summary>A heading or a label whose value follows on the next line: ends with ':', or a short line without closing punctuation.</summary>
    internal static bool IsLabelLine(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        if (trimmed.EndsWith(':'))
        {
            return true;
        }

        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 6 && trimmed[^1] is not ('.' or '!' or '?' or ',' or ';') && !words.Any(w => w.Any(char.IsDigit));
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
