using System.Net;

namespace Serverless.Cli;

/// <summary>An API answer that is not a success, with the problem details' title and detail when it sent them.</summary>
internal sealed class ApiException(HttpStatusCode? status, string message) : Exception(message)
{
    public HttpStatusCode? Status { get; } = status;

    public int ExitCode => Status == HttpStatusCode.NotFound ? ExitCodes.NotFound : ExitCodes.ApiError;
}
