namespace Serverless.Inference.Serving;

/// <summary>The gated <c>/v1</c> endpoints; the name is the path segment after <c>/v1/</c>.</summary>
internal static class EndpointNames
{
    public const string Ocr = "ocr";
    public const string Embeddings = "embeddings";
    public const string Summarize = "summarize";
    public const string Classify = "classify";

    public static readonly string[] Gated = [Ocr, Embeddings, Summarize, Classify];
}
