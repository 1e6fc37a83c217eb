namespace Serverless.App.Rejections;

/// <summary>
/// An input that can never succeed however often it is retried (not JSON, against the schema, an unknown
/// source, an unsafe name, a blob still missing after the grace period). A queue trigger moves the message
/// to <c>{queue}-poison</c> on its first delivery (<see cref="DeliveryFailures.IsPermanent"/>); everything
/// else a handler throws is transient and retried.
/// </summary>
internal sealed class PermanentRejectionException : Exception
{
    public PermanentRejectionException()
        : this(RejectionCodes.Invalid, "The input was rejected.")
    {
    }

    public PermanentRejectionException(string message)
        : this(RejectionCodes.Invalid, message)
    {
    }

    public PermanentRejectionException(string message, Exception innerException)
        : this(RejectionCodes.Invalid, message, innerException)
    {
    }

    public PermanentRejectionException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>A stable reason code (<see cref="RejectionCodes"/>).</summary>
    public string Code { get; } = RejectionCodes.Invalid;
}
