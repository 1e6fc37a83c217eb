namespace Serverless.Pipeline.Prompts;

/// <summary>A prompt file (embedded resource <c>Prompts/{name}.v{version}.md</c>); the version goes into step cache keys.</summary>
public sealed record PromptTemplate(string Name, string Version, string Text)
{
    /// <summary>The text with each <c>{{key}}</c> replaced.</summary>
    public string Render(IReadOnlyDictionary<string, string> values) =>
        values.Aggregate(Text, (text, pair) => text.Replace("{{" + pair.Key + "}}", pair.Value, StringComparison.Ordinal));
}
