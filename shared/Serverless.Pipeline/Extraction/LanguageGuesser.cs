namespace Serverless.Pipeline.Extraction;

/// <summary>
/// A cheap language guess (ISO 639-1) from the share of common function words; "und" when the text is
/// too short or nothing stands out. Good enough to pick an OCR language or a prompt hint, not more.
/// </summary>
public static class LanguageGuesser
{
    private static readonly Dictionary<string, HashSet<string>> StopWords = new()
    {
        ["en"] = ["the", "and", "of", "to", "in", "is", "for", "that", "with", "this", "on", "are", "be", "by", "please", "your"],
        ["de"] = ["der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "eine", "zu", "von", "sie", "für", "auf"],
        ["fr"] = ["le", "la", "les", "et", "des", "est", "une", "pour", "dans", "que", "qui", "pas", "sur", "du", "vous"],
        ["es"] = ["el", "la", "los", "las", "y", "que", "es", "una", "para", "por", "con", "del", "se", "en", "su"],
        ["it"] = ["il", "di", "che", "è", "per", "una", "non", "sono", "della", "con", "gli", "le", "del", "un", "si"],
        ["nl"] = ["de", "het", "een", "en", "van", "is", "niet", "dat", "op", "te", "voor", "met", "zijn", "ook", "wij"],
    };

    /// <summary>The most likely language of <paramref name="text"/>, judged on its first few thousand characters.</summary>
    public static string Guess(string text)
    {
        var sample = text.Length > 5000 ? text[..5000] : text;
        var words = sample.ToLowerInvariant()
            .Split((char[])[' ', '\n', '\r', '\t', '.', ',', ';', ':', '!', '?', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 5)
        {
            return "und";
        }

        var best = "und";
        var bestHits = 0;
        foreach (var (language, stop) in StopWords)
        {
            var hits = words.Count(stop.Contains);
            if (hits > bestHits)
            {
                (best, bestHits) = (language, hits);
            }
        }

        return bestHits >= Math.Max(2, words.Length / 50) ? best : "und";
    }
}
