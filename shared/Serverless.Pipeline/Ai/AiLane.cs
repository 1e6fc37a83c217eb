namespace Serverless.Pipeline.Ai;

/// <summary>
/// The concurrency lane of an AI call: OCR calls (seconds per page) and text calls (summarise, classify,
/// embed: milliseconds to seconds) have separate limits per provider, so a text document's steps never
/// wait behind scans.
/// </summary>
public enum AiLane
{
    /// <summary>Summarise, classify, embed (<see cref="AiProviderOptions.MaxConcurrency"/>).</summary>
    Text,

    /// <summary>OCR (<see cref="AiProviderOptions.MaxOcrConcurrency"/>).</summary>
    Ocr,
}
