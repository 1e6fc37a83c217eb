using Microsoft.DurableTask;
using Serverless.Pipeline.Ai;

namespace Serverless.Pipeline.Workflow;

/// <summary>Summarises the document through the routed summariser; the answer is cached by (hash, step, model, prompt version).</summary>
public sealed class SummarizeActivity(PipelineArtifacts artifacts, AiStepFactory steps, TimeProvider time) : TaskActivity<StepInput, SummarizeOutput>
{
    /// <summary>The HTTP layer already waits out Retry-After; these are the attempts after that gave up.</summary>
    public static readonly TaskOptions Retry = StepErrors.Retry(4, TimeSpan.FromSeconds(5), max: TimeSpan.FromMinutes(1));

    public override Task<SummarizeOutput> RunAsync(TaskActivityContext context, StepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return StepErrors.RunAsync("summarize", async () =>
        {
            var started = time.GetTimestamp();
            var summarizer = steps.Summarizer(input.Confidential);
            using var callKey = AiCallContext.Begin(WorkflowNames.CallKey(context.InstanceId, "summarize"));
            var (result, cached) = await artifacts.TextStepAsync(
                input.Document, "summarize", summarizer.Route, summarizer.PromptVersion, PipelineJsonContext.Default.SummaryResult, summarizer.SummarizeAsync, CancellationToken.None).ConfigureAwait(false);
            return new SummarizeOutput(result.Summary, StepRecords.From("summarize", result.Usage, cached, time.GetElapsedTime(started)));
        });
    }
}
