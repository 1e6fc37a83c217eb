using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Embedding;
using Serverless.Pipeline.Summarization;

namespace Serverless.Pipeline.Ai;

/// <summary>
/// The summariser, classifier and embedder for one document: routed by <see cref="ProviderRouter"/>
/// (confidential documents stay off cloud providers), implemented by the provider's kind (prompt-based
/// over IChatClient, or the inference app's task endpoints).
/// </summary>
public sealed class AiStepFactory(ProviderRouter router, AiClientFactory clients, Taxonomy taxonomy, CostCalculator cost, IOptions<PipelineOptions> options, ILoggerFactory loggers)
{
    public ISummarizer Summarizer(bool confidential)
    {
        var route = router.Resolve(AiStep.Summarize, confidential);
        return route.Kind == ProviderKind.Inference
            ? new InferenceSummarizer(clients.HttpClient(route.Provider), route, options.Value.Limits, cost)
            : new ChatSummarizer(clients.ChatClient(route.Provider, route.Model), route, options.Value.Limits, cost, loggers.CreateLogger<ChatSummarizer>());
    }

    public IClassifier Classifier(bool confidential)
    {
        var route = router.Resolve(AiStep.Classify, confidential);
        return route.Kind == ProviderKind.Inference
            ? new InferenceClassifier(clients.HttpClient(route.Provider), route, taxonomy, options.Value.Limits, cost)
            : new ChatClassifier(clients.ChatClient(route.Provider, route.Model), route, taxonomy, options.Value.Limits, cost, loggers.CreateLogger<ChatClassifier>());
    }

    public DocumentEmbedder Embedder(bool confidential)
    {
        var route = router.Resolve(AiStep.Embed, confidential);
        return new DocumentEmbedder(clients.EmbeddingGenerator(route.Provider, route.Model), route, cost);
    }
}
