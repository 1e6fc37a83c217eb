using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Serverless.App.Ingestion;

/// <summary>Checks every <c>Erp:Sources:{name}</c> at start; each message names the setting.</summary>
internal sealed partial class ErpInboundOptionsValidator : IValidateOptions<ErpInboundOptions>
{
    private readonly AppOptions? _app;

    /// <summary>Without the app's options (tools that check settings alone): the container clash is not checked.</summary>
    public ErpInboundOptionsValidator()
    {
    }

    /// <summary>What the app uses: also refuses a source that reads from the blob-drop container.</summary>
    public ErpInboundOptionsValidator(IOptions<AppOptions> app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _app = app.Value;
    }

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
            else if (_app is not null && string.Equals(source.Container, _app.IncomingContainer, StringComparison.Ordinal))
            {
                errors.Add($"{setting}:Container must not be the blob-drop container ({AppOptions.SectionName}:IncomingContainer = {_app.IncomingContainer}): blob drop would start the same document a second time.");
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
