namespace Serverless.Pipeline.Workflow;

/// <summary>The blob no longer holds the bytes the workflow was started for (or is gone): fatal, the new content has its own workflow.</summary>
public sealed class DocumentVersionChangedException : Exception
{
    public DocumentVersionChangedException()
    {
    }

    public DocumentVersionChangedException(string message)
        : base(message)
    {
    }

    public DocumentVersionChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
