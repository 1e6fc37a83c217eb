using System.Text.RegularExpressions;

namespace Serverless.Pipeline.Results;

/// <summary>Where results live: <c>results/{tenant}/{workflowId}.json</c>, names checked so that nothing escapes the tenant's prefix.</summary>
public static partial class ResultPaths
{
    public const string Container = "results";

    /// <summary>The blob name (inside <see cref="Container"/>) of a workflow's result.</summary>
    public static string BlobName(string tenant, string workflowId)
    {
        TenantId.Validate(tenant);
        if (!WorkflowIdPattern().IsMatch(workflowId))
        {
            throw new ArgumentException("A workflow id is 1 to 100 letters, digits, '-', '_' or '.', not starting with '.'.", nameof(workflowId));
        }

        return $"{tenant}/{workflowId}.json";
    }

    /// <summary>The prefix of every result of <paramref name="tenant"/>.</summary>
    public static string TenantPrefix(string tenant) => TenantId.Validate(tenant) + "/";

    [GeneratedRegex(@"^(?!\.)[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex WorkflowIdPattern();
}
