using Microsoft.ML.Tokenizers;

namespace Serverless.Inference.Text;

/// <summary>Counts tokens with OpenAI's cl100k_base encoding, so that usage figures match Azure OpenAI's.</summary>
internal sealed class TokenCounter
{
    private readonly TiktokenTokenizer _tokenizer = TiktokenTokenizer.CreateForEncoding("cl100k_base");

    public int Count(string text) => text.Length == 0 ? 0 : _tokenizer.CountTokens(text);
}
