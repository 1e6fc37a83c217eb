namespace Serverless.Pipeline.Workflow;

/// <summary>The workflow failed; the message is the failing step's reason (a stable code first, e.g. <c>pdf-encrypted: …</c>).</summary>
public sealed class DocumentPipelineFailedException : Exception
{
    public DocumentPipelineFailedException()
    {
    }

    public DocumentPipelineFailedException(string message)
        : base(message)
    {
    }

    public DocumentPipelineFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
