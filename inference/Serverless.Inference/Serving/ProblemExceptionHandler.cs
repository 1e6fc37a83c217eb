using Microsoft.AspNetCore.Diagnostics;

namespace Serverless.Inference.Serving;

/// <summary>Maps client errors (ours and Kestrel's body limits) to problem details; anything else is a 500 without a stack trace.</summary>
internal sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case ProblemException p:
                await Problems.WriteAsync(httpContext, p.Status, p.ProblemType, p.Title, p.Message);
                return true;
            case BadHttpRequestException b when b.StatusCode == StatusCodes.Status413PayloadTooLarge:
                await Problems.WriteAsync(httpContext, b.StatusCode, "request-too-large", "The request exceeds a limit.", "The request body is larger than Inference:Limits:MaxRequestBytes allows.");
                return true;
            case BadHttpRequestException b:
                await Problems.WriteAsync(httpContext, b.StatusCode, "bad-request", "The request is invalid.", b.Message);
                return true;
            case InvalidDataException d:
                await Problems.WriteAsync(httpContext, StatusCodes.Status400BadRequest, "bad-request", "The request is invalid.", d.Message);
                return true;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return true;
            default:
                LogUnhandled(logger, exception.GetType().Name, httpContext.Request.Path);
                await Problems.WriteAsync(httpContext, StatusCodes.Status500InternalServerError, "internal-error", "The server failed.", "An unexpected error occurred; the error is logged with the request path.");
                return true;
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} on {Path}")]
    private static partial void LogUnhandled(ILogger logger, string exceptionType, string path);
}
