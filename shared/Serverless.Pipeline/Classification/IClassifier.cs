using Serverless.Pipeline.Ai;

namespace Serverless.Pipeline.Classification;

/// <summary>Classifies a document's text into the configured taxonomy.</summary>
public interface IClassifier
{
    /// <summary>The provider and model this classifier calls.</summary>
    ResolvedRoute Route { get; }

    /// <summary>The prompt version (part of the step cache key); the model name for non-prompt implementations.</summary>
    string PromptVersion { get; }

    /// <exception cref="StepFailedException">The provider failed, or its answer never validated (fatal, code <c>model-output-invalid</c>).</exception>
    Task<ClassificationResult> ClassifyAsync(string text, CancellationToken cancellationToken);
}
