using System.Text;

namespace Serverless.Pipeline.Workflow;

/// <summary>Names derived from an instance id: the workflow id of the result path and the AI call keys.</summary>
internal static class WorkflowNames
{
    /// <summary>The part of <c>{tenant}~{id}</c> after the tenant, reduced to the characters a result name allows.</summary>
    public static string LocalId(string tenant, string instanceId)
    {
        var local = instanceId.StartsWith(tenant + "~", StringComparison.Ordinal) ? instanceId[(tenant.Length + 1)..] : instanceId;
        var safe = new StringBuilder(local.Length);
        foreach (var c in local)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        var text = safe.ToString().TrimStart('.');
        return text.Length switch
        {
            0 => "workflow",
            > 100 => text[..100],
            _ => text,
        };
    }

    /// <summary>The logical key of a step's AI calls (<c>x-request-key</c>): retries of the step share it.</summary>
    public static string CallKey(string instanceId, string step) => $"{instanceId}:{step}";
}
