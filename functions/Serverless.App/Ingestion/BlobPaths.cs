using System.Globalization;
using System.Text.RegularExpressions;

namespace Serverless.App.Ingestion;

/// <summary>
/// The naming rules for tenants and blobs. A blob in the incoming container belongs to the tenant
/// named by its first path segment (<c>incoming/{tenant}/…</c>); blobs outside a valid tenant
/// folder are ignored. Names with traversal segments, backslashes or control/format characters
/// never reach storage.
/// </summary>
internal static partial class BlobPaths
{
    /// <summary>The longest blob path accepted below a tenant folder (Azure allows 1,024 characters in all).</summary>
    public const int MaxRelativeLength = 900;

    /// <summary>The most path segments a blob name below a tenant folder may have.</summary>
    public const int MaxSegments = 16;

    /// <summary>The longest single file name accepted for an upload.</summary>
    public const int MaxFileNameLength = 200;

    public static bool IsValidTenant(string? tenant) => tenant is not null && TenantPattern().IsMatch(tenant);

    /// <summary>Splits <c>{tenant}/{rest}</c>; false when the tenant or the rest is not valid.</summary>
    public static bool TryGetTenant(string blobName, out string tenant, out string relative)
    {
        tenant = "";
        relative = "";
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        var candidate = blobName[..slash];
        var rest = blobName[(slash + 1)..];
        if (!IsValidTenant(candidate) || ValidateRelativePath(rest) is not null)
        {
            return false;
        }

        tenant = candidate;
        relative = rest;
        return true;
    }

    /// <summary>Null when <paramref name="path"/> is a safe blob path below a tenant folder, else why not.</summary>
    public static string? ValidateRelativePath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "The blob name is empty.";
        }

        if (path.Length > MaxRelativeLength)
        {
            return $"The blob name is longer than {MaxRelativeLength} characters.";
        }

        var segments = path.Split('/');
        if (segments.Length > MaxSegments)
        {
            return $"The blob name has more than {MaxSegments} path segments.";
        }

        foreach (var segment in segments)
        {
            var error = ValidateSegment(segment);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Null when <paramref name="fileName"/> is a safe single file name, else why not.</summary>
    public static string? ValidateFileName(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName))
        {
            return "The file name is empty.";
        }

        if (fileName.Length > MaxFileNameLength)
        {
            return $"The file name is longer than {MaxFileNameLength} characters.";
        }

        return fileName.Contains('/', StringComparison.Ordinal)
            ? "The file name must not contain '/'."
            : ValidateSegment(fileName);
    }

    private static string? ValidateSegment(string segment)
    {
        if (segment.Length == 0)
        {
            return "The blob name has an empty path segment.";
        }

        if (segment is "." or "..")
        {
            return "The blob name must not contain '.' or '..' segments.";
        }

        if (segment.Trim().Length != segment.Length || segment.EndsWith('.'))
        {
            return "A blob name segment must not start or end with white space or end with '.'.";
        }

        foreach (var c in segment)
        {
            if (c == '\\')
            {
                return "The blob name must not contain '\\'.";
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator)
            {
                return "The blob name must not contain control or formatting characters.";
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex TenantPattern();
}
