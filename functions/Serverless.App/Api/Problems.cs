namespace Serverless.App.Api;

/// <summary>RFC 7807 problem details for the API's errors, each with a stable <c>type</c> a client can branch on.</summary>
internal static class Problems
{
    private const string TypeBase = "https://serverless.local/problems/";

    public static IResult BadRequest(string code, string detail) => Problem(StatusCodes.Status400BadRequest, code, "The request is not valid", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "not-found", "Not found", detail);

    public static IResult Conflict(string code, string detail) => Problem(StatusCodes.Status409Conflict, code, "The request conflicts with an existing workflow", detail);

    public static IResult Gone(string detail) => Problem(StatusCodes.Status410Gone, "instance-completed", "The workflow has already ended", detail);

    public static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "too-large", "The request body is too large", $"The limit is {limit} bytes.");

    public static IResult UnsupportedType(string detail) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-type", "The content type is not supported", detail);

    public static IResult Problem(int status, string code, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail, type: TypeBase + code);
}
