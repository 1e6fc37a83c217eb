using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Cost;

namespace Serverless.Pipeline.Summarization;

/// <summary>A summary, who served it and what it cost.</summary>
public sealed record SummaryResult(string Summary, ResolvedRoute Route, StepUsage Usage);
