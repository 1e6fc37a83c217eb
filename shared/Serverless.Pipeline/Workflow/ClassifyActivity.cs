using Microsoft.DurableTask;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Classification;

namespace Serverless.Pipeline.Workflow;

/// <summary>
/// Classifies the document into the configured taxonomy as validated structured output (an invalid answer
/// is asked again, then fails fatally with <c>model-output-invalid</c>); cached like every billed step.
/// </summary>
public sealed class ClassifyActivity(PipelineArtifacts artifacts, AiStepFactory steps, ReviewExamples reviewExamples, Taxonomy taxonomy, TimeProvider time) : TaskActivity<StepInput, ClassifyOutput>
{
    public static readonly TaskOptions Retry = StepErrors.Retry(4, TimeSpan.FromSeconds(5), max: TimeSpan.FromMinutes(1));

    public override Task<ClassifyOutput> RunAsync(TaskActivityContext context, StepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return StepErrors.RunAsync("classify", async () =>
        {
            var started = time.GetTimestamp();
            var classifier = steps.Classifier(input.Confidential);
            using var callKey = AiCallContext.Begin(WorkflowNames.CallKey(context.InstanceId, "classify"));
            using var examples = ReviewExampleScope.Begin(await reviewExamples.ForTenantAsync(input.Document.Tenant, taxonomy, CancellationToken.None).ConfigureAwait(false));
            var (result, cached) = await artifacts.TextStepAsync(
                input.Document, "classify", classifier.Route, classifier.PromptVersion, PipelineJsonContext.Default.ClassificationResult, classifier.ClassifyAsync, CancellationToken.None).ConfigureAwait(false);
            return new ClassifyOutput(result, StepRecords.From("classify", result.Usage, cached, time.GetElapsedTime(started)));
        });
    }
}
