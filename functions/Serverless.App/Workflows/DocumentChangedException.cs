namespace Serverless.App.Workflows;

/// <summary>The document's blob no longer holds the version the workflow was started for: fatal, never retried.</summary>
internal sealed class DocumentChangedException : Exception
{
    public DocumentChangedException()
    {
    }

    public DocumentChangedException(string message)
        : base(message)
    {
    }

    public DocumentChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
