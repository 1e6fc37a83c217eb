using System.Globalization;
using System.Text;

namespace Serverless.App.Rejections;

/// <summary>
/// Makes an untrusted name safe to write into a log line or an API answer: control characters (C0, DEL, C1),
/// line and paragraph separators, bidi and other format characters and lone surrogates become <c>\uXXXX</c>,
/// a backslash becomes <c>\\</c>, and anything past <see cref="MaxLength"/> characters is cut with an ellipsis.
/// </summary>
internal static class LogText
{
    public const int MaxLength = 1024;

    public static string Escape(string? text)
    {
        if (text is null)
        {
            return "";
        }

        StringBuilder? escaped = null;
        var length = Math.Min(text.Length, MaxLength);
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (NeedsEscape(c))
            {
                escaped ??= new StringBuilder(text, 0, i, length + 16);
                escaped.Append(c == '\\' ? @"\\" : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"));
            }
            else
            {
                escaped?.Append(c);
            }
        }

        var result = escaped?.ToString() ?? text[..length];
        return text.Length > MaxLength ? result + "…" : result;
    }

    private static bool NeedsEscape(char c) =>
        c == '\\' || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
}
