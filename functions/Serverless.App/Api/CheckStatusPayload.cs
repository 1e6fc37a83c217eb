using System.Text.Json.Nodes;

namespace Serverless.App.Api;

/// <summary>The 202 "check status" body: the instance id and the Durable Functions management URLs.</summary>
internal static class CheckStatusPayload
{
    public static JsonObject Create(HttpRequest request, string instanceId)
    {
        var instance = $"{request.Scheme}://{request.Host}{request.PathBase}{WorkflowEndpoints.RoutePrefix}/{Uri.EscapeDataString(instanceId)}";
        return new JsonObject
        {
            ["id"] = instanceId,
            ["statusQueryGetUri"] = instance,
            ["sendEventPostUri"] = instance + "/raiseEvent/{eventName}",
            ["terminatePostUri"] = instance + "/terminate?reason={text}",
            ["suspendPostUri"] = instance + "/suspend?reason={text}",
            ["resumePostUri"] = instance + "/resume?reason={text}",
            ["restartPostUri"] = instance + "/restart",
            ["purgeHistoryDeleteUri"] = instance,
        };
    }

    public static IResult Accepted(HttpRequest request, string instanceId)
    {
        var body = Create(request, instanceId);
        var json = Results.Json(body, ApiJsonContext.Default.JsonObject, statusCode: StatusCodes.Status202Accepted);
        return new LocationResult(json, body["statusQueryGetUri"]!.GetValue<string>());
    }

    /// <summary>Adds <c>Location</c> (and <c>Retry-After</c>) to a result.</summary>
    internal sealed class LocationResult(IResult inner, string location, int? retryAfterSeconds = null) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            if (retryAfterSeconds is { } seconds)
            {
                httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return inner.ExecuteAsync(httpContext);
        }
    }
}
