using System.Security.Cryptography;

namespace Serverless.Testing;

/// <summary>Unique, storage-legal names so that tests can run in parallel on one Azurite.</summary>
public static class TestNames
{
    /// <summary>A lower-case name of letters and digits (valid for containers, queues, tables and task hubs).</summary>
    public static string Unique(string prefix)
    {
        var clean = new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0]))
        {
            clean = "t" + clean;
        }

        if (clean.Length > 20)
        {
            clean = clean[..20];
        }

        return clean + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    }
}
