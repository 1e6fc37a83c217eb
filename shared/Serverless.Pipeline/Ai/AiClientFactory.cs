using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Serverless.Pipeline.Ai;

/// <summary>
/// Builds Microsoft.Extensions.AI clients for a provider over its resilient HttpClient: the OpenAI
/// client (any OpenAI-compatible endpoint, including the inference app's /v1) or Azure.AI.OpenAI (key or
/// DefaultAzureCredential). The SDKs' own retries are off so that only one retry layer exists.
/// </summary>
public sealed class AiClientFactory(IHttpClientFactory httpClients, IOptions<PipelineOptions> options)
{
    private readonly ConcurrentDictionary<(string, string), IChatClient> _chat = new();
    private readonly ConcurrentDictionary<(string, string), IEmbeddingGenerator<string, Embedding<float>>> _embedders = new();

    /// <summary>The resilient HttpClient of a provider (base address = its endpoint).</summary>
    public HttpClient HttpClient(string provider) => httpClients.CreateClient(AiHttpClients.NameFor(provider));

    /// <summary>A chat client for <paramref name="model"/> (a deployment name on Azure OpenAI).</summary>
    public IChatClient ChatClient(string provider, string model) =>
        _chat.GetOrAdd((provider, model), key => OpenAIClientFor(key.Item1).GetChatClient(key.Item2).AsIChatClient());

    /// <summary>An embedding generator for <paramref name="model"/>.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> EmbeddingGenerator(string provider, string model) =>
        _embedders.GetOrAdd((provider, model), key => OpenAIClientFor(key.Item1).GetEmbeddingClient(key.Item2).AsIEmbeddingGenerator());

    private OpenAIClient OpenAIClientFor(string provider)
    {
        var p = options.Value.Providers[provider];
        var endpoint = p.Endpoint ?? throw new InvalidOperationException($"Pipeline:Providers:{provider}:Endpoint is not set.");
        var transport = new HttpClientPipelineTransport(HttpClient(provider));
        var retry = new ClientRetryPolicy(maxRetries: 0);
        var timeout = options.Value.Resilience.TotalTimeout + TimeSpan.FromSeconds(5);

        if (p.Kind == ProviderKind.AzureOpenAI)
        {
            var azureOptions = new AzureOpenAIClientOptions { Transport = transport, RetryPolicy = retry, NetworkTimeout = timeout };
            return p.UseManagedIdentity || string.IsNullOrEmpty(p.ApiKey)
                ? new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), azureOptions)
                : new AzureOpenAIClient(endpoint, new ApiKeyCredential(p.ApiKey), azureOptions);
        }

        // The inference app serves the OpenAI-compatible API under /v1 of its root.
        var baseUri = p.Kind == ProviderKind.Inference ? new Uri(WithSlash(endpoint), "v1") : endpoint;
        var openAIOptions = new OpenAIClientOptions { Endpoint = baseUri, Transport = transport, RetryPolicy = retry, NetworkTimeout = timeout };
        return new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(p.ApiKey) ? "unused" : p.ApiKey), openAIOptions);
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
