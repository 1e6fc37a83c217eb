using System.Text.Json;
using Microsoft.Extensions.Options;
using Serverless.Inference.Serving;
using Serverless.Inference.Text;

namespace Serverless.Inference.Embedding;

internal static class EmbeddingEndpoints
{
    public static RouteGroupBuilder MapEmbeddings(this RouteGroupBuilder v1, string name = "CreateEmbeddings")
    {
        v1.MapPost("/" + EndpointNames.Embeddings, Create)
            .WithName(name)
            .WithSummary("OpenAI-compatible embeddings from the local neural model (snowflake-arctic-embed-xs, 384 dimensions).")
            .WithDescription("Snowflake arctic-embed-xs on ONNX Runtime, L2-normalised. 'input_type': 'query' adds the model's query prefix (for search queries), 'passage' (the default) embeds the text as it is. Stateless: a text's vector depends on the text alone. Inputs longer than 512 word pieces are truncated by the model.")
            .Accepts<EmbeddingRequest>("application/json")
            .Produces<EmbeddingResponse>()
            .ProducesModelProblems();
        return v1;
    }

    private static async Task<EmbeddingResponse> Create(EmbeddingRequest request, ArcticEmbedder embedder, TokenCounter tokens, InferenceMetrics metrics, IOptions<LimitsOptions> limits, CancellationToken cancellationToken)
    {
        var inputs = ReadInputs(request.Input, limits.Value);
        if (request.Dimensions is { } dimensions && dimensions != ArcticEmbedder.Dimensions)
        {
            // arctic-embed-xs is not trained for shortened (Matryoshka) vectors: cutting them would silently degrade search.
            throw ProblemException.BadRequest("invalid-dimensions", $"'dimensions' must be {ArcticEmbedder.Dimensions} (the model's size) or absent.");
        }

        var query = EmbeddingInputType.IsQuery(request.InputType);

        var base64 = request.EncodingFormat switch
        {
            null or "float" => false,
            "base64" => true,
            _ => throw ProblemException.BadRequest("invalid-encoding-format", "'encoding_format' must be 'float' or 'base64'."),
        };

        var vectors = await embedder.EmbedAsync(inputs, query, cancellationToken);
        var data = new EmbeddingItem[inputs.Count];
        var promptTokens = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            data[i] = new EmbeddingItem("embedding", i, new EmbeddingVector(vectors[i], base64));
            promptTokens += tokens.Count(inputs[i]);
        }

        metrics.RecordTokens(EndpointNames.Embeddings, promptTokens, 0);
        return new EmbeddingResponse("list", data, ArcticEmbedder.ModelName, new EmbeddingUsage(promptTokens, promptTokens));
    }

    private static List<string> ReadInputs(JsonElement input, LimitsOptions limits)
    {
        var inputs = new List<string>();
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                inputs.Add(input.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in input.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        throw ProblemException.BadRequest("invalid-input", "'input' must be a string or an array of strings (token arrays are not supported).");
                    }

                    inputs.Add(item.GetString()!);
                }

                break;
            default:
                throw ProblemException.BadRequest("invalid-input", "'input' must be a string or an array of strings.");
        }

        if (inputs.Count == 0 || inputs.Any(string.IsNullOrEmpty))
        {
            throw ProblemException.BadRequest("invalid-input", "'input' must not be empty, nor contain empty strings.");
        }

        if (inputs.Count > limits.MaxEmbeddingInputs)
        {
            throw ProblemException.TooLarge("too-many-inputs", $"'input' has {inputs.Count} items; at most {limits.MaxEmbeddingInputs} are accepted.");
        }

        var characters = inputs.Sum(s => (long)s.Length);
        if (characters > limits.MaxTextCharacters)
        {
            throw ProblemException.TooLarge("text-too-long", $"'input' has {characters} characters; at most {limits.MaxTextCharacters} are accepted.");
        }

        return inputs;
    }
}
