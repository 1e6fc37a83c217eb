using System.Diagnostics.Metrics;
using Serverless.Pipeline.Cost;

namespace Serverless.Pipeline;

/// <summary>
/// The pipeline's OpenTelemetry metrics (meter <c>Serverless.Pipeline</c>): documents by outcome, step durations, tokens
/// and cost by model, recorded once when a workflow's usage is recorded; AI retries and 429s as the HTTP pipeline sees them.
/// Usage is recorded by an activity (at least once), so a redelivered recording counts twice: the usage table, not the
/// meter, is the bill.
/// </summary>
public static class PipelineMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c>.</summary>
    public const string MeterName = "Serverless.Pipeline";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Documents = Meter.CreateCounter<long>("serverless.documents", description: "Workflows that ended, by outcome");
    private static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("serverless.step.duration", "ms", "Duration of each step of ended workflows");
    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>("serverless.tokens", description: "Tokens billed, by model and direction");
    private static readonly Counter<double> Cost = Meter.CreateCounter<double>("serverless.cost", "USD", "Cost billed, by model");
    private static readonly Counter<long> AiRetries = Meter.CreateCounter<long>("serverless.ai.retries", description: "AI HTTP calls retried, by status (429 = throttled)");

    /// <summary>Records an ended workflow: its outcome, each step's duration, and its billed tokens and cost per model.</summary>
    public static void WorkflowEnded(WorkflowUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        Documents.Add(1, new KeyValuePair<string, object?>("outcome", usage.Status));
        foreach (var step in usage.Steps)
        {
            var kind = new KeyValuePair<string, object?>("step", WorkflowUsage.StepKind(step.Step));
            StepDuration.Record(step.DurationMs, kind, new KeyValuePair<string, object?>("cached", step.Cached));
            if (step.Cached || step.Model is null)
            {
                continue;
            }

            var model = new KeyValuePair<string, object?>("model", $"{step.Provider}/{step.Model}");
            Tokens.Add(step.InputTokens, model, new KeyValuePair<string, object?>("direction", "input"));
            Tokens.Add(step.OutputTokens, model, new KeyValuePair<string, object?>("direction", "output"));
            Cost.Add((double)step.Cost, model);
        }
    }

    /// <summary>Records one retry of an AI call, with the status that caused it (0 when no response came).</summary>
    public static void AiRetried(int status) => AiRetries.Add(1, new KeyValuePair<string, object?>("status", status));
}
