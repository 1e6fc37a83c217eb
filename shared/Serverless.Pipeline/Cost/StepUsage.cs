namespace Serverless.Pipeline.Cost;

/// <summary>What one AI call (or a step's calls together) consumed, who served it, and what it cost.</summary>
public sealed record StepUsage(string Step, string Provider, string Model, long InputTokens, long OutputTokens, int Calls, decimal Cost)
{
    /// <summary>Nothing consumed (a cache hit).</summary>
    public static StepUsage None(string step, string provider, string model) => new(step, provider, model, 0, 0, 0, 0m);

    /// <summary>The sum of two usages of the same step.</summary>
    public StepUsage Add(StepUsage other) =>
        this with { InputTokens = InputTokens + other.InputTokens, OutputTokens = OutputTokens + other.OutputTokens, Calls = Calls + other.Calls, Cost = Cost + other.Cost };
}
