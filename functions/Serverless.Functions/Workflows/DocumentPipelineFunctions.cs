using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Serverless.Functions.Durable;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Results;
using Serverless.Pipeline.Workflow;

namespace Serverless.Functions.Workflows;

/// <summary>
/// The document pipeline as Durable Functions: the orchestrator and each activity call the class the local host's
/// engine runs (class-based registration needs the DurableTask source generator, which is not served).
/// </summary>
public static class DocumentPipelineFunctions
{
    [Function(nameof(DocumentPipeline))]
    public static Task<DocumentResult> RunDocumentPipeline([OrchestrationTrigger] TaskOrchestrationContext context, DocumentPipelineInput input) =>
        new DocumentPipeline().RunAsync(context, input);

    [Function(nameof(StartDocumentActivity))]
    public static Task<DocumentPlan> StartDocument([ActivityTrigger] DocumentPipelineInput input, FunctionContext context) =>
        Activities.RunAsync<StartDocumentActivity, DocumentPipelineInput, DocumentPlan>(context, input);

    [Function(nameof(ExtractTextActivity))]
    public static Task<ExtractOutput> ExtractText([ActivityTrigger] DocumentPipelineInput input, FunctionContext context) =>
        Activities.RunAsync<ExtractTextActivity, DocumentPipelineInput, ExtractOutput>(context, input);

    [Function(nameof(ChunkTextActivity))]
    public static Task<ChunkOutput> ChunkText([ActivityTrigger] ChunkInput input, FunctionContext context) =>
        Activities.RunAsync<ChunkTextActivity, ChunkInput, ChunkOutput>(context, input);

    [Function(nameof(SummarizeActivity))]
    public static Task<SummarizeOutput> Summarize([ActivityTrigger] StepInput input, FunctionContext context) =>
        Activities.RunAsync<SummarizeActivity, StepInput, SummarizeOutput>(context, input);

    [Function(nameof(ClassifyActivity))]
    public static Task<ClassifyOutput> Classify([ActivityTrigger] StepInput input, FunctionContext context) =>
        Activities.RunAsync<ClassifyActivity, StepInput, ClassifyOutput>(context, input);

    [Function(nameof(EmbedBatchActivity))]
    public static Task<EmbedBatchOutput> EmbedBatch([ActivityTrigger] EmbedBatchInput input, FunctionContext context) =>
        Activities.RunAsync<EmbedBatchActivity, EmbedBatchInput, EmbedBatchOutput>(context, input);

    [Function(nameof(IndexChunksActivity))]
    public static Task<int> IndexChunks([ActivityTrigger] IndexInput input, FunctionContext context) =>
        Activities.RunAsync<IndexChunksActivity, IndexInput, int>(context, input);

    [Function(nameof(PersistResultActivity))]
    public static Task<string> PersistResult([ActivityTrigger] PersistInput input, FunctionContext context) =>
        Activities.RunAsync<PersistResultActivity, PersistInput, string>(context, input);

    [Function(nameof(ReleaseDocumentActivity))]
    public static Task<bool> ReleaseDocument([ActivityTrigger] ReleaseInput input, FunctionContext context) =>
        Activities.RunAsync<ReleaseDocumentActivity, ReleaseInput, bool>(context, input);

    [Function(nameof(RecordUsageActivity))]
    public static Task<bool> RecordUsage([ActivityTrigger] WorkflowUsage input, FunctionContext context) =>
        Activities.RunAsync<RecordUsageActivity, WorkflowUsage, bool>(context, input);

    [Function(nameof(NotifyActivity))]
    public static Task<int> Notify([ActivityTrigger] NotifyInput input, FunctionContext context) =>
        Activities.RunAsync<NotifyActivity, NotifyInput, int>(context, input);
}
