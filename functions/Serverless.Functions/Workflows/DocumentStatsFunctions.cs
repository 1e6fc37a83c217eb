using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Serverless.App.Workflows;
using Serverless.Functions.Durable;

namespace Serverless.Functions.Workflows;

/// <summary>The demo workflow (<c>App:Workflow=DocumentStats</c>) as Durable Functions over the classes the local host runs.</summary>
internal static class DocumentStatsFunctions
{
    [Function(nameof(DocumentStatsOrchestrator))]
    public static Task<DocumentStats> RunDocumentStats([OrchestrationTrigger] TaskOrchestrationContext context, DocumentRef input) =>
        new DocumentStatsOrchestrator().RunAsync(context, input);

    [Function(nameof(CountBytesActivity))]
    public static Task<long> CountBytes([ActivityTrigger] DocumentRef input, FunctionContext context) =>
        Activities.RunAsync<CountBytesActivity, DocumentRef, long>(context, input);

    [Function(nameof(CountLinesActivity))]
    public static Task<long> CountLines([ActivityTrigger] DocumentRef input, FunctionContext context) =>
        Activities.RunAsync<CountLinesActivity, DocumentRef, long>(context, input);
}
