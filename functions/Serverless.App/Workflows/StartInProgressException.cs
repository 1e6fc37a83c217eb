namespace Serverless.App.Workflows;

/// <summary>Another delivery of the same request is starting the workflow right now: transient, the message is retried.</summary>
internal sealed class StartInProgressException : Exception
{
    public StartInProgressException()
    {
    }

    public StartInProgressException(string message)
        : base(message)
    {
    }

    public StartInProgressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
