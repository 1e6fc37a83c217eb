namespace Serverless.Pipeline.Ai;

/// <summary>The AI steps of the pipeline (names used in routes, cache keys and the cost ledger).</summary>
public enum AiStep
{
    Ocr,
    Summarize,
    Classify,
    Embed,
}
