using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Results;

namespace Serverless.Pipeline.Workflow;

/// <summary>The validated classification and the step's record.</summary>
public sealed record ClassifyOutput(ClassificationResult Classification, StepRecord Step);
