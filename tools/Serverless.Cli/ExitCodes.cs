namespace Serverless.Cli;

/// <summary>What scripts can test for.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for succeeded (for submit: every workflow completed).</summary>
    public const int Ok = 0;

    /// <summary>A workflow failed or was terminated (submit, status), or a retry did not start.</summary>
    public const int WorkflowFailed = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>The API could not be reached, refused the key, or answered with an error.</summary>
    public const int ApiError = 3;

    /// <summary>The workflow (or other resource) does not exist for this tenant.</summary>
    public const int NotFound = 4;

    /// <summary>Waiting for workflows ran past --timeout.</summary>
    public const int Timeout = 5;
}
