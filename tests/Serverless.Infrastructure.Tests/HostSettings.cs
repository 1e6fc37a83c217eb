using System.Text.RegularExpressions;

namespace Serverless.Infrastructure.Tests;

/// <summary>
/// Settings that the Functions host or the platform reads, not the app's options types: an explicit allow-list,
/// because they are not in the app's code. Everything else a template writes must be read by the app.
/// </summary>
internal static partial class HostSettings
{
    /// <summary>
    /// The host's storage connection (host state, blob trigger, Durable task hub through
    /// <c>extensions.durableTask.storageProvider.connectionName</c>, default AzureWebJobsStorage): a connection string, or the
    /// identity-based form. The app's own storage clients must accept the identity-based form too (see <see cref="AppMustAlsoRead"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> Storage =
    [
        "AzureWebJobsStorage",
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
    ];

    private static readonly HashSet<string> Exact = new(StringComparer.OrdinalIgnoreCase)
    {
        // Telemetry: the worker's Application Insights SDK and the host; AAD = the managed identity (local auth is off).
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",

        // Elastic Premium and Dedicated plans only: Flex Consumption takes both from functionAppConfig and rejects them.
        "FUNCTIONS_EXTENSION_VERSION",
        "FUNCTIONS_WORKER_RUNTIME",
    };

    /// <summary>
    /// The identity-based storage settings the template writes for the host that the app's own clients (blob watcher,
    /// uploads, receipts, ERP queues) must read as well: today the app reads only the AzureWebJobsStorage connection string.
    /// </summary>
    public static readonly IReadOnlyList<string> AppMustAlsoRead =
    [
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
    ];

    public static bool IsHostSetting(string name) =>
        Exact.Contains(name)
        || Storage.Contains(name, StringComparer.OrdinalIgnoreCase)
        // The platform's own settings (WEBSITE_TIME_ZONE, WEBSITE_CONTENTSHARE on Premium, ...).
        || name.StartsWith("WEBSITE_", StringComparison.OrdinalIgnoreCase)
        // host.json overrides, e.g. AzureFunctionsJobHost__logging__logLevel__default.
        || name.StartsWith("AzureFunctionsJobHost__", StringComparison.OrdinalIgnoreCase)
        // The host's per-function switch.
        || DisabledFunction().IsMatch(name);

    [GeneratedRegex(@"^AzureWebJobs\.[A-Za-z0-9_]+\.Disabled$", RegexOptions.IgnoreCase)]
    private static partial Regex DisabledFunction();
}
