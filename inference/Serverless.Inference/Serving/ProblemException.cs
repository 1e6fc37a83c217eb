namespace Serverless.Inference.Serving;

/// <summary>A client error with a stable problem type; leaves the app as RFC 7807 problem details.</summary>
internal sealed class ProblemException(int status, string problemType, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    /// <summary>The last segment of the problem type URI, e.g. <c>unsupported-media-type</c>.</summary>
    public string ProblemType { get; } = problemType;

    public string Title { get; } = title;

    public static ProblemException BadRequest(string problemType, string detail) =>
        new(StatusCodes.Status400BadRequest, problemType, "The request is invalid.", detail);

    public static ProblemException TooLarge(string problemType, string detail) =>
        new(StatusCodes.Status413PayloadTooLarge, problemType, "The request exceeds a limit.", detail);

    public static ProblemException Unsupported(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The content type is not supported.", detail);

    public static ProblemException Unprocessable(string problemType, string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, problemType, "The document cannot be processed.", detail);
}
