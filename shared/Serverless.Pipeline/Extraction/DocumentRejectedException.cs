namespace Serverless.Pipeline.Extraction;

/// <summary>
/// The document cannot be processed and never will be (a fatal failure: retrying does not help).
/// <see cref="Code"/> is one of <see cref="ExtractionErrorCodes"/>; the message never contains document content.
/// </summary>
public sealed class DocumentRejectedException : Exception
{
    public DocumentRejectedException(string code, string message, Exception? innerException = null)
        : base($"{code}: {message}", innerException)
    {
        Code = code;
    }

    public DocumentRejectedException()
        : this(ExtractionErrorCodes.UnknownFormat, "The document was rejected.")
    {
    }

    public DocumentRejectedException(string message)
        : this(ExtractionErrorCodes.UnknownFormat, message)
    {
    }

    public DocumentRejectedException(string message, Exception innerException)
        : this(ExtractionErrorCodes.UnknownFormat, message, innerException)
    {
    }

    /// <summary>The stable error code.</summary>
    public string Code { get; }
}
