namespace Serverless.Pipeline;

/// <summary>Stable error codes of AI steps (never rename one).</summary>
public static class StepErrorCodes
{
    public const string ModelOutputInvalid = "model-output-invalid";
    public const string ProviderRejected = "provider-rejected";
    public const string ProviderUnavailable = "provider-unavailable";
    public const string ConfidentialRouting = "confidential-no-local-provider";
    public const string NotConfigured = "step-not-configured";
    public const string TenantBudgetExceeded = "tenant-budget-exceeded";
}
