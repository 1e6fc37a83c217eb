using Microsoft.Extensions.Options;

namespace Serverless.App.Ingestion;

/// <summary>Finds the configured source of an event: an exact <c>Source</c> first, else the longest prefix (<c>…*</c>) that matches.</summary>
internal sealed class ErpSourceMap(IOptions<ErpInboundOptions> options)
{
    public ErpSourceOptions? Find(string source)
    {
        ErpSourceOptions? best = null;
        foreach (var candidate in options.Value.Sources.Values)
        {
            if (!candidate.IsPrefix)
            {
                if (string.Equals(candidate.Source, source, StringComparison.Ordinal))
                {
                    return candidate;
                }

                continue;
            }

            var prefix = candidate.Source[..^1];
            if (source.StartsWith(prefix, StringComparison.Ordinal) && (best is null || prefix.Length > best.Source.Length - 1))
            {
                best = candidate;
            }
        }

        return best;
    }
}
