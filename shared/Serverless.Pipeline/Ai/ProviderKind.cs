namespace Serverless.Pipeline.Ai;

/// <summary>How a provider is reached.</summary>
public enum ProviderKind
{
    /// <summary>Any OpenAI-compatible server (a self-hosted LLM, the inference app's /v1/embeddings): the OpenAI client with its endpoint option.</summary>
    OpenAI,

    /// <summary>Azure OpenAI through Azure.AI.OpenAI, with an API key or DefaultAzureCredential; the model name is the deployment.</summary>
    AzureOpenAI,

    /// <summary>The inference app's task endpoints (/v1/ocr, /v1/summarize, /v1/classify, /v1/embeddings).</summary>
    Inference,
}
