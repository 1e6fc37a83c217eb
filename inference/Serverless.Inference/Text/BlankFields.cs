using System.Text.RegularExpressions;

namespace Serverless.Inference.Text;

/// <summary>
/// Says in words what a form's empty places are: a run of underscores to write on (dot leaders between a label and its amount are not blanks) becomes
/// "(blank to fill in)", an empty box "(box to tick)". An embedding model reads "Account number: ______" as a
/// line about an account number; "Account number: (blank to fill in)" is a line of a form.
/// </summary>
internal static partial class BlankFields
{
    public const string Blank = "(blank to fill in)";
    public const string Box = "(box to tick)";

    public static string Describe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var described = Underscores().Replace(text, " " + Blank + " ");
        return Boxes().Replace(described, " " + Box + " ");
    }

    [GeneratedRegex(@"(?:_{2,}[\s/.\-]*)+")]
    private static partial Regex Underscores();

    [GeneratedRegex(@"\[\s?\]|\(\s\)|[☐□❏]")]
    private static partial Regex Boxes();
}
