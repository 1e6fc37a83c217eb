using Serverless.Pipeline.Ai;

namespace Serverless.Pipeline.Summarization;

/// <summary>Summarises a document's text.</summary>
public interface ISummarizer
{
    /// <summary>The provider and model this summariser calls.</summary>
    ResolvedRoute Route { get; }

    /// <summary>The prompt version (part of the step cache key).</summary>
    string PromptVersion { get; }

    /// <exception cref="StepFailedException">The provider failed, or its answer never validated.</exception>
    Task<SummaryResult> SummarizeAsync(string text, CancellationToken cancellationToken);
}
