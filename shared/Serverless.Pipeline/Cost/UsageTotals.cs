namespace Serverless.Pipeline.Cost;

/// <summary>Tokens and cost summed over some workflows (all, or those of one step kind or model).</summary>
public sealed record UsageTotals(long InputTokens, long OutputTokens, decimal Cost)
{
    public static readonly UsageTotals Zero = new(0, 0, 0m);

    public UsageTotals Add(long inputTokens, long outputTokens, decimal cost) =>
        new(InputTokens + inputTokens, OutputTokens + outputTokens, Cost + cost);
}
