namespace Serverless.Durable;

/// <summary>
/// What is kept of a failure across process boundaries: the exception's type name, message and stack,
/// and its inner failure (recursively). Exceptions themselves are never serialised.
/// </summary>
/// <param name="ErrorType">The full type name of the exception.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace, when there was one.</param>
/// <param name="InnerFailure">The inner exception's details.</param>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Builds details from an exception, inner exceptions included.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException { FailureDetails: var activityFailure } && exception.InnerException is null)
        {
            return new(exception.GetType().FullName!, exception.Message, exception.StackTrace, activityFailure);
        }

        return new(
            exception.GetType().FullName!,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is { } inner ? FromException(inner) : null);
    }

    /// <summary>True when the failure (or one of its inner failures) was an exception of type <typeparamref name="T"/> or a subtype.</summary>
    public bool IsCausedBy<T>()
        where T : Exception
    {
        for (var f = this; f is not null; f = f.InnerFailure)
        {
            var type = Type.GetType(f.ErrorType, throwOnError: false) ?? AppDomain.CurrentDomain.GetAssemblies()
                .Select(a => a.GetType(f.ErrorType, throwOnError: false)).FirstOrDefault(t => t is not null);
            if (type is not null && typeof(T).IsAssignableFrom(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
