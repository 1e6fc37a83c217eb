using System.Text.RegularExpressions;

namespace Serverless.Pipeline.Prompts;

/// <summary>Loads the newest version of a prompt from the assembly's embedded prompt files.</summary>
public static partial class PromptLibrary
{
    public const string Summarize = "summarize";
    public const string Classify = "classify";

    public static PromptTemplate Load(string name)
    {
        var assembly = typeof(PromptLibrary).Assembly;
        var newest = assembly.GetManifestResourceNames()
            .Select(r => (Resource: r, Match: ResourceName().Match(r)))
            .Where(x => x.Match.Success && x.Match.Groups["name"].Value == name)
            .OrderByDescending(x => int.Parse(x.Match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        if (newest.Resource is null)
        {
            throw new InvalidOperationException($"No embedded prompt named '{name}'.");
        }

        using var stream = assembly.GetManifestResourceStream(newest.Resource)!;
        using var reader = new StreamReader(stream);
        return new PromptTemplate(name, "v" + newest.Match.Groups["version"].Value, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^Serverless\.Pipeline\.Prompts\.(?<name>[a-z-]+)\.v(?<version>\d+)\.md$")]
    private static partial Regex ResourceName();
}
