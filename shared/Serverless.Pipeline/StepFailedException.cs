namespace Serverless.Pipeline;

/// <summary>
/// A pipeline step failed. <see cref="IsTransient"/> tells the caller (an activity's retry policy)
/// whether trying again can help: a 429 storm that outlasted the HTTP retries is transient, a 400 or an
/// answer that never validates is fatal. The message names the step and the cause, never document content.
/// </summary>
public sealed class StepFailedException : Exception
{
    public StepFailedException(string code, string message, bool isTransient, Exception? innerException = null)
        : base($"{code}: {message}", innerException)
    {
        Code = code;
        IsTransient = isTransient;
    }

    public StepFailedException()
        : this("step-failed", "The step failed.", isTransient: false)
    {
    }

    public StepFailedException(string message)
        : this("step-failed", message, isTransient: false)
    {
    }

    public StepFailedException(string message, Exception innerException)
        : this("step-failed", message, isTransient: false, innerException)
    {
    }

    /// <summary>A stable error code such as <c>model-output-invalid</c> or <c>provider-rejected</c>.</summary>
    public string Code { get; }

    /// <summary>True when a later attempt may succeed.</summary>
    public bool IsTransient { get; }
}
