using System.Text;

namespace Serverless.Inference.Text;

/// <summary>Splits text into lower-case words and into sentences (rule based, language neutral enough for Latin scripts).</summary>
internal static class TextSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "inc", "ltd", "co", "corp", "st", "vs", "etc", "e.g", "i.e", "no", "fig", "approx", "jr", "sr",
    };

    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>Sentences with their start offsets; blank lines and sentence-final punctuation end a sentence.</summary>
    public static List<string> Sentences(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = -1;
            if (c is '.' or '!' or '?' or '。')
            {
                var j = i + 1;
                while (j < text.Length && text[j] is '"' or '\'' or ')' or '”' or '’')
                {
                    j++;
                }

                if (j >= text.Length || (char.IsWhiteSpace(text[j]) && !IsAbbreviation(text, start, i) && NextStartsSentence(text, j)))
                {
                    end = j;
                }
            }
            else if (c == '\n' && i + 1 < text.Length && IsBlankLineAhead(text, i + 1))
            {
                end = i;
            }

            if (end >= 0)
            {
                Add(sentences, text[start..end]);
                start = end;
                i = end - 1 < i ? i : end - 1;
            }
        }

        if (start < text.Length)
        {
            Add(sentences, text[start..]);
        }

        return sentences;
    }

    private static void Add(List<string> sentences, string candidate)
    {
        var s = string.Join(' ', candidate.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (s.Any(char.IsLetterOrDigit))
        {
            sentences.Add(s);
        }
    }

    private static bool IsBlankLineAhead(string text, int from)
    {
        for (var k = from; k < text.Length; k++)
        {
            if (text[k] == '\n')
            {
                return true;
            }

            if (!char.IsWhiteSpace(text[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NextStartsSentence(string text, int from)
    {
        for (var k = from; k < text.Length; k++)
        {
            if (!char.IsWhiteSpace(text[k]))
            {
                return !char.IsLower(text[k]);
            }
        }

        return true;
    }

    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var k = dot - 1;
        while (k >= sentenceStart && (char.IsLetter(text[k]) || text[k] == '.'))
        {
            k--;
        }

        var word = text[(k + 1)..dot];
        return word.Length > 0 && (Abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(word[0])));
    }
}
