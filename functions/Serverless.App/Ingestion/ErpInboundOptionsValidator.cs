using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Serverless.App.Ingestion;

/// <summary>Checks every <c>Erp:Sources:{name}</c> at start; each message names the setting.</summary>
internal sealed partial class ErpInboundOptionsValidator(IOptions<AppOptions> app) : IValidateOptions<ErpInboundOptions>
{
    public ValidateOptionsResult Validate(string? name, ErpInboundOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, source) in options.Sources)
        {
            var setting = $"{ErpInboundOptions.SectionName}:Sources:{key}";
            var star = source.Source?.IndexOf('*', StringComparison.Ordinal) ?? -1;
            if (string.IsNullOrWhiteSpace(source.Source) || source.Source.Trim() != source.Source || source.Source == "*" || (star >= 0 && star != source.Source.Length - 1))
            {
                errors.Add($"{setting}:Source must be a CloudEvents source (exact), or a prefix ending in a single '*'.");
            }
            else if (!seen.TryAdd(source.Source, key))
            {
                errors.Add($"{setting}:Source '{source.Source}' is also mapped by {ErpInboundOptions.SectionName}:Sources:{seen[source.Source]}.");
            }

            if (!BlobPaths.IsValidTenant(source.Tenant))
            {
                errors.Add($"{setting}:Tenant must be a tenant id (lower-case letters, digits and '-', 1-32 characters).");
            }

            if (!ContainerPattern().IsMatch(source.Container ?? ""))
            {
                errors.Add($"{setting}:Container must be a valid container name.");
            }
            else if (string.Equals(source.Container, app.Value.IncomingContainer, StringComparison.Ordinal))
            {
                errors.Add($"{setting}:Container must not be the blob-drop container ({AppOptions.SectionName}:IncomingContainer = {app.Value.IncomingContainer}): blob drop would start the same document a second time.");
            }

            if (source.Prefix is { Length: > 0 } prefix && (!prefix.EndsWith('/') || BlobPaths.ValidateRelativePath(prefix[..^1]) is not null))
            {
                errors.Add($"{setting}:Prefix must be a safe folder ending with '/' (e.g. {source.Tenant}/).");
            }

            if (source.ReplyQueue is { } queue && !ContainerPattern().IsMatch(queue))
            {
                errors.Add($"{setting}:ReplyQueue must be a valid queue name.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerPattern();
}
