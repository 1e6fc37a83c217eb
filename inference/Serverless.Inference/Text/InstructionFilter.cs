using System.Text.RegularExpressions;

namespace Serverless.Inference.Text;

/// <summary>
/// Text inside a document is data, never instructions. Before a text is scored, lines and sentences that
/// address a classifier or an AI ("ignore the previous instructions", "classify this document as ...",
/// "you are an assistant", "confidence 1.0") are removed, so that neither their words nor their meaning
/// can pull the label; the rest of the document decides. Visible and hidden text (white or tiny runs that
/// extraction returns) are treated alike.
/// </summary>
internal static partial class InstructionFilter
{
    /// <summary>
    /// The text without its instruction-like sentences, and how many were removed. With the taxonomy's
    /// <paramref name="labels"/>, a sentence that names a label together with a word about labelling
    /// ("the correct label for this document is invoice", "answer invoice") is an instruction too.
    /// </summary>
    public static (string Text, int Removed) Remove(string text, IReadOnlyCollection<string>? labels = null)
    {
        var labelNames = labels is { Count: > 0 }
            ? new Regex(@"\b(" + string.Join('|', labels.Select(Regex.Escape)) + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            : null;
        var removed = 0;
        var kept = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var sentences = SentenceEnd().Split(line);
            var keep = sentences.Where(s => !IsInstruction(s) && !(labelNames is not null && AboutLabelling().IsMatch(s) && labelNames.IsMatch(s))).ToList();
            removed += sentences.Length - keep.Count;
            kept.Add(string.Join(' ', keep));
        }

        return (string.Join('\n', kept), removed);
    }

    public static bool IsInstruction(string sentence) =>
        Override().IsMatch(sentence) || Directive().IsMatch(sentence) || Persona().IsMatch(sentence);

    [GeneratedRegex(@"\b(label\w*|classif\w*|categor\w*|answer\w*|respon\w*|confidence)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AboutLabelling();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\b(ignore|disregard|forget|override|overrule)\b.{0,60}\b(instructions?|prompts?|rules?|above|previous|prior|system)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Override();

    [GeneratedRegex(@"\b(classify|classified|categori[sz]e|categori[sz]ed|label|labell?ed|tag|tagged|file|filed|mark|marked|treat|treated|route|routed)\b.{0,40}\b(this|the|it|document|file|text|message)\b.{0,40}\b(as|under|into|label|category|class)\b|\b(the (correct |right |true )?(label|classification|category)|answer|respond|reply)\b\s*(is|must be|should be|with|only)\b|\bconfidence\b.{0,20}\b(1(\.0+)?|100\s?%)", RegexOptions.IgnoreCase)]
    private static partial Regex Directive();

    [GeneratedRegex(@"\b(you are an?|you must|as an ai|language model|assistant|system prompt|system message|note to (the )?(ai|model|classifier|reviewer)|attention (ai|model|classifier))\b|^\s*(system|assistant|user)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex Persona();
}
