using System.Security.Cryptography;
using System.Text;

namespace Serverless.Pipeline.Caching;

/// <summary>
/// What makes a step's output reusable: the content hash, the step (with a part such as a batch number),
/// the model and the prompt version. A different model or prompt is a different key.
/// </summary>
public sealed record StepCacheKey(string ContentHash, string Step, string Model, string PromptVersion)
{
    /// <summary>The blob name: <c>steps/{hash}/{step}/{sha256(model|prompt)}.json</c> (safe whatever the model name holds).</summary>
    public string BlobName
    {
        get
        {
            if (!Caching.ContentHash.IsValid(ContentHash))
            {
                throw new ArgumentException("The content hash must be 64 lower-case hex characters.", nameof(ContentHash));
            }

            var variant = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Model + "\n" + PromptVersion)))[..32];
            var step = new string([.. Step.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);
            return $"steps/{ContentHash}/{step}/{variant}.json";
        }
    }
}
