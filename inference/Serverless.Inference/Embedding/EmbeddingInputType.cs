namespace Serverless.Inference.Embedding;

/// <summary>
/// What a text is for (NVIDIA NIM's <c>input_type</c>): a <c>query</c> takes the model's query prefix,
/// a <c>passage</c> (the default) is embedded as it is.
/// </summary>
internal static class EmbeddingInputType
{
    public const string Query = "query";
    public const string Passage = "passage";

    /// <summary>arctic-embed's instruction for queries (its model card); passages take none.</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    public static bool IsQuery(string? inputType) => inputType switch
    {
        null or Passage => false,
        Query => true,
        _ => throw Serving.ProblemException.BadRequest("invalid-input-type", "'input_type' must be 'query' or 'passage'."),
    };
}
