namespace Serverless.App.Rejections;

/// <summary>
/// Decides, for any queue trigger (the local listener and the Functions queue triggers alike), whether a
/// failed delivery goes to the poison queue at once (permanent) or is retried (everything else: storage and
/// engine hiccups, a blob not there yet).
/// </summary>
internal static class DeliveryFailures
{
    public static bool IsPermanent(Exception exception, out PermanentRejectionException? rejection)
    {
        ArgumentNullException.ThrowIfNull(exception);
        rejection = exception switch
        {
            PermanentRejectionException p => p,
            AggregateException { InnerExceptions.Count: 1 } a => a.InnerException as PermanentRejectionException,
            _ => null,
        };
        return rejection is not null;
    }

    /// <summary>The reason the poison envelope records: the code and message of a rejection, else the exception's type and message.</summary>
    public static string Reason(Exception exception) =>
        IsPermanent(exception, out var rejection)
            ? $"{rejection!.Code}: {rejection.Message}"
            : $"{exception.GetType().Name}: {exception.Message}";
}
