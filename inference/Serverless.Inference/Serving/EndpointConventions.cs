namespace Serverless.Inference.Serving;

internal static class EndpointConventions
{
    /// <summary>The problems every model endpoint can answer: invalid (400), no key (401), over a limit (413), saturated (429), injected fault (503).</summary>
    public static RouteHandlerBuilder ProducesModelProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
