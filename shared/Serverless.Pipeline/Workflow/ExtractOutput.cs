using Serverless.Pipeline.Extraction;
using Serverless.Pipeline.Results;

namespace Serverless.Pipeline.Workflow;

/// <summary>What extraction found (the text itself stays in the step cache).</summary>
public sealed record ExtractOutput(DocumentKind Kind, int PageCount, int OcrPageCount, string Language, bool Confidential, StepRecord Step);
